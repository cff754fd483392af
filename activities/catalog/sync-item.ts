import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import { systemLabel, type System } from '../../domain/systems.js';
import { definitionStep } from '../../domain/catalog/definition-step.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import type { QboClient } from '../../integrations/qbo/client.js';
import type { ZuperClient } from '../../integrations/zuper/client.js';
import { copyQboItemToZuper, copyZuperProductToQbo } from './copy-item.js';
import { pushQboDefinitionToZuper, pushZuperDefinitionToQbo } from './push-definition.js';
import { qboKind } from '../../integrations/qbo/catalog-side.js';
import { zuperKind } from '../../integrations/zuper/catalog-side.js';

export interface SyncItemInput {
  connectionId: string;
  system: System;
  id: string;
  workflowId: string;
  runId: string;
}

export interface SyncItemResult {
  outcome: 'created' | 'updated' | 'unchanged' | 'not-copied';
  qboItemId: string | null;
  zuperProductUid: string | null;
  changed: string[];
  summary: string;
}

/**
 * One item's definition sync from the product master: copy it (with a link) when the other system lacks it, or push
 * the fields that differ. Changes made in the non-master system are reported, not copied. Writes the history row.
 */
export async function syncItem(deps: ActivityDeps, input: SyncItemInput): Promise<SyncItemResult> {
  const { settings } = await requireConfiguredConnection(deps, input.connectionId);
  const result = await decide(deps, input, settings.productMaster);
  // Echoes of our own writes and unchanged items would drown the history; only real outcomes are recorded.
  if (result.outcome === 'unchanged') return result;
  await deps.store.history.record({
    dedupeKey: `${input.workflowId}:${input.runId}:item`,
    connectionId: input.connectionId,
    kind: 'item',
    status: result.outcome === 'not-copied' ? 'needs_attention' : 'succeeded',
    workflowId: input.workflowId,
    runId: input.runId,
    accountingItemId: result.qboItemId,
    fieldItemId: result.zuperProductUid,
    summary: result.summary,
    ...(result.outcome === 'not-copied'
      ? {
          explanation: result.summary,
          fix: `Create the item in ${systemLabel(settings.productMaster)} (the product master) or link it by hand with \`qzsync link-item ${input.connectionId} <QuickBooks item id> <Zuper product uid>\`.`,
        }
      : {}),
    details: { changed: result.changed },
  });
  return result;
}

interface ItemContext {
  deps: ActivityDeps;
  input: SyncItemInput;
  qbo: QboClient;
  zuper: ZuperClient;
}

/** What the master's record allows once read: copying it (no link yet) or pushing its fields (linked). */
interface MasterRecord {
  copy(): Promise<SyncItemResult>;
  push(link: ItemLink): Promise<SyncItemResult>;
}

async function decide(deps: ActivityDeps, input: SyncItemInput, master: System): Promise<SyncItemResult> {
  const c: ItemContext = {
    deps,
    input,
    qbo: await deps.clients.qbo(input.connectionId),
    zuper: await deps.clients.zuper(input.connectionId),
  };
  const link =
    input.system === 'qbo'
      ? await deps.store.links.get(input.connectionId, input.id)
      : await deps.store.links.getByFieldItem(input.connectionId, input.id);
  const step = definitionStep(input.system, master, link !== null);
  switch (step) {
    case 'report-not-copied':
      // Categories arrive as QBO Item changes too (our own category copies included); they travel with their items.
      if (input.system === 'qbo') {
        const item = await callApi('qbo', () => c.qbo.getItem(input.id));
        if (item?.Type === 'Category') return categoryChange(item.Id);
      }
      return notFromMaster(input, master, link, step);
    case 'report-ignored':
      return notFromMaster(input, master, link, step);
    case 'copy':
    case 'push': {
      const record = await readMaster[master](c);
      if (!('copy' in record)) return record;
      return link ? record.push(link) : record.copy();
    }
  }
}

/** A change made in the system that is not the product master: reported, never copied. */
function notFromMaster(
  input: SyncItemInput,
  master: System,
  link: ItemLink | null,
  step: 'report-not-copied' | 'report-ignored',
): SyncItemResult {
  const ids =
    input.system === 'qbo'
      ? { qboItemId: input.id, zuperProductUid: link?.fieldItemId ?? null }
      : { qboItemId: link?.accountingItemId ?? null, zuperProductUid: input.id };
  return step === 'report-ignored'
    ? {
        outcome: 'unchanged',
        ...ids,
        changed: [],
        summary: `Definition changes made in ${systemLabel(input.system)} are not copied: ${systemLabel(master)} is the product master`,
      }
    : {
        outcome: 'not-copied',
        ...ids,
        changed: [],
        summary: `${systemLabel(input.system)} item ${input.id} was not copied: new items are only copied from ${systemLabel(master)}, the product master`,
      };
}

/** Reads the changed record from the product master; what cannot be synced ends here, with its result or failure. */
const readMaster: Record<System, (c: ItemContext) => Promise<MasterRecord | SyncItemResult>> = {
  qbo: readQboMaster,
  zuper: readZuperMaster,
};

async function readQboMaster({ deps, input, qbo, zuper }: ItemContext): Promise<MasterRecord | SyncItemResult> {
  const item = await callApi('qbo', () => qbo.getItem(input.id));
  if (!item)
    throw needsAttention('qbo:item-missing', `QuickBooks item ${input.id} does not exist.`, 'Check the item id.');
  if (item.Type === 'Category') return categoryChange(item.Id);
  const kind = qboKind(item);
  if (!kind.ok)
    return { outcome: 'not-copied', qboItemId: item.Id, zuperProductUid: null, changed: [], summary: kind.reason };
  return {
    async copy() {
      const created = await copyQboItemToZuper(deps, input.connectionId, item, kind.kind);
      return copied(item.Id, created.fieldItemId, item.Name, 'zuper');
    },
    async push(link) {
      const product = await callApi('zuper', () => zuper.getProduct(link.fieldItemId));
      if (!product)
        throw needsAttention(
          'zuper:product-deleted',
          `The Zuper product linked to "${item.Name}" was deleted.`,
          `Restore it in Zuper, or unlink the item (\`qzsync unlink-item ${input.connectionId} ${item.Id}\`) so it is copied again.`,
        );
      const pushed = await pushQboDefinitionToZuper(deps, link, item, product);
      return summarise(pushed.changed, item.Id, product.uid, item.Name, 'zuper');
    },
  };
}

async function readZuperMaster({ deps, input, qbo, zuper }: ItemContext): Promise<MasterRecord | SyncItemResult> {
  const product = await callApi('zuper', () => zuper.getProduct(input.id));
  if (!product)
    throw needsAttention(
      'zuper:product-deleted',
      `Zuper product ${input.id} does not exist or was deleted.`,
      'Check the product in Zuper.',
    );
  const kind = zuperKind(product);
  if (!kind.ok)
    throw needsAttention(
      'zuper:unsupported-type',
      `"${product.name}": ${kind.reason}.`,
      'Keep this product in Zuper only, or model it as individual items.',
    );
  return {
    async copy() {
      const created = await copyZuperProductToQbo(deps, input.connectionId, product, kind.kind);
      return copied(created.accountingItemId, product.uid, product.name, 'qbo');
    },
    async push(link) {
      const item = await callApi('qbo', () => qbo.getItem(link.accountingItemId));
      if (!item)
        throw needsAttention(
          'qbo:item-missing',
          `The QuickBooks item linked to "${product.name}" no longer exists.`,
          `Restore it in QuickBooks, or unlink the product (\`qzsync unlink-item ${input.connectionId} ${link.accountingItemId}\`) so it is copied again.`,
        );
      const pushed = await pushZuperDefinitionToQbo(deps, link, product, item);
      return summarise(pushed.changed, item.Id, product.uid, product.name, 'qbo');
    },
  };
}

const copied = (qboItemId: string, zuperProductUid: string, name: string, target: System): SyncItemResult => ({
  outcome: 'created',
  qboItemId,
  zuperProductUid,
  changed: [],
  summary: `Copied "${name}" to ${systemLabel(target)}`,
});

const categoryChange = (qboCategoryId: string): SyncItemResult => ({
  outcome: 'unchanged',
  qboItemId: qboCategoryId,
  zuperProductUid: null,
  changed: [],
  summary: `QuickBooks item ${qboCategoryId} is a category: categories are synced with the items placed in them`,
});

const summarise = (
  changed: string[],
  qboItemId: string,
  zuperProductUid: string,
  name: string,
  target: System,
): SyncItemResult => ({
  outcome: changed.length > 0 ? 'updated' : 'unchanged',
  qboItemId,
  zuperProductUid,
  changed,
  summary:
    changed.length > 0
      ? `Updated ${changed.join(', ')} of "${name}" in ${systemLabel(target)}`
      : `"${name}" already matches in ${systemLabel(target)}`,
});
