import { z } from 'zod';

const side = z.enum(['accounting', 'field']);
const itemKind = z.enum(['inventory', 'noninventory', 'service']);

/** How users know the system on each side of a connection and its records (a system's name; its name and its record's). */
const namesOfSide = z.object({ system: z.string(), record: z.string() });
export const sideNamesSchema = z.object({ accounting: namesOfSide, field: namesOfSide });
export type SideNamesView = z.infer<typeof sideNamesSchema>;

/** A planned linking action (domain/catalog/matching.ts LinkAction), by side: `names` says which system is where. */
export const linkActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('keep'), accountingItemId: z.string(), fieldItemId: z.string() }),
  z.object({
    action: z.literal('link'),
    accountingItemId: z.string(),
    fieldItemId: z.string(),
    by: z.enum(['sku', 'name']),
    kind: itemKind,
    quantityChange: z.object({ side, from: z.number(), to: z.number() }).nullable(),
  }),
  z.object({ action: z.literal('create'), in: side, fromId: z.string(), name: z.string(), kind: itemKind }),
  z.object({ action: z.literal('skip'), side, id: z.string(), name: z.string(), reason: z.string() }),
]);
export type LinkActionView = z.infer<typeof linkActionSchema>;

export const linkResultSchema = z.object({
  dryRun: z.boolean(),
  reportId: z.number(),
  summary: z.object({
    keep: z.number(),
    link: z.number(),
    create: z.number(),
    skip: z.number(),
    quantityChanges: z.number(),
  }),
  /** Planned link, create and skip actions (already linked items are only counted), at most `actionsShown`. */
  actions: z.array(linkActionSchema),
  actionsTotal: z.number(),
  failed: z.array(z.object({ action: linkActionSchema, error: z.string(), fix: z.string().optional() })),
  names: sideNamesSchema,
});
export type LinkResultView = z.infer<typeof linkResultSchema>;

/**
 * A reconciliation's drift report by side (domain/drift-report.ts DriftReport), with the names of the connection's
 * sides; reports recorded before the sides were named are answered in this shape too.
 */
export const driftReportSchema = z.object({
  checked: z.number(),
  drifted: z.number(),
  corrected: z.number(),
  failed: z.number(),
  definitionsSynced: z.number(),
  linked: z.number(),
  /** Linked items one side no longer has: `side` is the side it is gone from. */
  missing: z.array(z.object({ accountingItemId: z.string(), fieldItemId: z.string(), side })),
  items: z.array(
    z.object({
      accountingItemId: z.string(),
      fieldItemId: z.string(),
      /** What each side showed; `accounting` is null when the run read the field side only. */
      quantities: z.object({ base: z.number(), accounting: z.number().nullable(), field: z.number() }),
      status: z.enum(['corrected', 'in-sync', 'failed']),
      moved: z.object({ accounting: z.number(), field: z.number() }).optional(),
      cause: z.string(),
      explanation: z.string().optional(),
    }),
  ),
  accountingCatalogReadAt: z.string().nullable(),
  names: sideNamesSchema,
});
export type DriftReportView = z.infer<typeof driftReportSchema>;

const failure = z.object({ code: z.string().nullable(), explanation: z.string(), fix: z.string().nullable() });
const started = { workflowId: z.string(), runId: z.string(), connectionId: z.string() };

/** A long operation (link, reconcile): still running (poll it), finished with its result, or failed with why. */
export const runAnswerSchema = z.union([
  z.object({
    state: z.literal('running'),
    kind: z.enum(['link', 'reconcile']),
    ...started,
    /** A link's progress once its plan is made (items carried out of the total, failures, start time). */
    progress: z
      .object({ total: z.number(), done: z.number(), errors: z.number(), startedAt: z.string() })
      .nullable()
      .optional(),
  }),
  z.object({ state: z.literal('completed'), kind: z.literal('link'), ...started, result: linkResultSchema }),
  z.object({ state: z.literal('completed'), kind: z.literal('reconcile'), ...started, result: driftReportSchema }),
  z.object({ state: z.literal('failed'), kind: z.enum(['link', 'reconcile']), ...started, failure }),
]);
export type RunAnswer = z.infer<typeof runAnswerSchema>;

/** A link plan as its history entry shows it (details of a 'link' entry), with the names of the connection's sides. */
export const storedLinkPlanSchema = z.looseObject({ actions: z.array(linkActionSchema), names: sideNamesSchema });
