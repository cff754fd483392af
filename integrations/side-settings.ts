import type { z } from 'zod';
import type { SideSettings } from '../domain/connection-settings.js';

/**
 * A system's own settings on its side of a connection (its accounts, where its stock lands, how it is written), which
 * each system declares in its folder (`integrations/<system>/settings.ts`) and `integrations/connection-settings.ts`
 * registers. Stored under the side as `{ system, …settings }`.
 */
export interface SystemSettings<
  Stored extends SideSettings,
  Change extends object,
  Flat extends z.ZodRawShape = z.ZodRawShape,
> {
  /** The settings as stored, `system` naming it, defaults filled in. */
  stored: z.ZodType<Stored>;
  /**
   * A change from outside: each field optional, nothing else, with the limits typed input keeps beyond what a stored
   * setting must be; `null` unsets an optional setting.
   */
  change: z.ZodType<Change>;
  /** The current settings (undefined before the first) with a change applied, for `stored` to check the whole. */
  apply(current: Stored | undefined, change: Change): Record<string, unknown>;
  /**
   * The top-level names these settings had before settings were per side, each with its typed input's limits: the
   * operator API and `qzsync configure` still take them, and settings stored then still read.
   */
  flatChange: Flat;
  /** A change, or settings stored before settings were per side, from the older top-level names into this system's. */
  fromFlat(flat: Record<string, unknown>): Record<string, unknown>;
  /** Each setting as a person reads it, label and value, for `qzsync configure`'s answer. */
  describe(settings: Stored): [label: string, value: string][];
}

/** The entries of `values` that are not undefined: a change keeps what it leaves out. */
export const definedOnly = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
