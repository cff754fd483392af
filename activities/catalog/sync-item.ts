import type { ActivityDeps } from '../deps.js';
import { callApi, needsAttention } from '../failures.js';
import { requireConfiguredConnection } from '../connection-guard.js';
import type { System } from '../../domain/catalog/matching.js';
import { copyQboItemToZuper, copyZuperProductToQbo } from './copy-item.js';
import { pushQboDefinitionToZuper, pushZuperDefinitionToQbo } from './push-definition.js';
import { qboKind, zuperKind } from './definitions.js';

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

const label = (s: System) => (s === 'qbo' ? 'QuickBooks' : 'Zuper');

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
    qboItemId: result.qboItemId,
    zuperProductUid: result.zuperProductUid,
    summary: result.summary,
    ...(result.outcome === 'not-copied'
      ? {
          explanation: result.summary,
          fix: `Create the item in ${label(settings.productMaster)} (the product master) or link it with \`qzsync link-item\`.`,
        }
      : {}),
    details: { changed: result.changed },
  });
  return result;
}

async function decide(deps: ActivityDeps, input: SyncItemInput, master: System): Promise<SyncItemResult> {
  const qbo = await deps.clients.qbo(input.connectionId);
  const zuper = await deps.clients.zuper(input.connectionId);
  const link =
    input.system === 'qbo'
      ? await deps.store.links.get(input.connectionId, input.id)
      : await deps.store.links.getByZuper(input.connectionId, input.id);

  // Categories arrive as QBO Item changes too (our own category copies included); they travel with their items.
  if (input.system === 'qbo' && !link && master !== 'qbo') {
    const item = await callApi('qbo', () => qbo.getItem(input.id));
    if (item?.Type === 'Category') return categoryChange(item.Id);
  }

  if (input.system !== master) {
    const ids =
      input.system === 'qbo'
        ? { qboItemId: input.id, zuperProductUid: link?.zuperProductUid ?? null }
        : { qboItemId: link?.qboItemId ?? null, zuperProductUid: input.id };
    return link
      ? {
          outcome: 'unchanged',
          ...ids,
          changed: [],
          summary: `Definition changes made in ${label(input.system)} are not copied: ${label(master)} is the product master`,
        }
      : {
          outcome: 'not-copied',
          ...ids,
          changed: [],
          summary: `${label(input.system)} item ${input.id} was not copied: new items are only copied from ${label(master)}, the product master`,
        };
  }

  if (master === 'qbo') {
    const item = await callApi('qbo', () => qbo.getItem(input.id));
    if (!item)
      throw needsAttention('qbo:item-missing', `QuickBooks item ${input.id} does not exist.`, 'Check the item id.');
    if (item.Type === 'Category') return categoryChange(item.Id);
    const kind = qboKind(item);
    if (!kind.ok)
      return { outcome: 'not-copied', qboItemId: item.Id, zuperProductUid: null, changed: [], summary: kind.reason };
    if (!link) {
      const created = await copyQboItemToZuper(deps, input.connectionId, item, kind.kind);
      return {
        outcome: 'created',
        qboItemId: item.Id,
        zuperProductUid: created.zuperProductUid,
        changed: [],
        summary: `Copied "${item.Name}" to Zuper`,
      };
    }
    const product = await callApi('zuper', () => zuper.getProduct(link.zuperProductUid));
    if (!product)
      throw needsAttention(
        'zuper:product-deleted',
        `The Zuper product linked to "${item.Name}" was deleted.`,
        'Restore it in Zuper, or unlink the item so it is copied again.',
      );
    const pushed = await pushQboDefinitionToZuper(deps, link, item, product);
    return summarise(pushed.changed, item.Id, product.uid, item.Name, 'Zuper');
  }

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
  if (!link) {
    const created = await copyZuperProductToQbo(deps, input.connectionId, product, kind.kind);
    return {
      outcome: 'created',
      qboItemId: created.qboItemId,
      zuperProductUid: product.uid,
      changed: [],
      summary: `Copied "${product.name}" to QuickBooks`,
    };
  }
  const item = await callApi('qbo', () => qbo.getItem(link.qboItemId));
  if (!item)
    throw needsAttention(
      'qbo:item-missing',
      `The QuickBooks item linked to "${product.name}" no longer exists.`,
      'Restore it in QuickBooks, or unlink the product so it is copied again.',
    );
  const pushed = await pushZuperDefinitionToQbo(deps, link, product, item);
  return summarise(pushed.changed, item.Id, product.uid, product.name, 'QuickBooks');
}

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
  target: string,
): SyncItemResult => ({
  outcome: changed.length > 0 ? 'updated' : 'unchanged',
  qboItemId,
  zuperProductUid,
  changed,
  summary:
    changed.length > 0
      ? `Updated ${changed.join(', ')} of "${name}" in ${target}`
      : `"${name}" already matches in ${target}`,
});
