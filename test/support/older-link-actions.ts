import type { OlderLinkAction } from '../../domain/recorded-shapes/link-action.js';
import type { LinkAction } from '../../domain/catalog/matching.js';

/** What a create carries to copy from, as plans store it: kept as it is. */
const source = { definition: { kind: 'inventory', name: 'Valve', sku: 'V-1' }, quantity: 4, categoryName: 'Pipes' };

type Stored<Action> = Action & { source?: typeof source };

/**
 * One of each action as versions before the sides were named stored it (link plans, reports' details, recorded
 * activity results), beside the same action in the current shape.
 */
export const olderLinkActions: [string, Stored<OlderLinkAction>, Stored<LinkAction>][] = [
  [
    'a link moving the field side',
    {
      action: 'link',
      qboItemId: '12',
      zuperProductUid: 'z12',
      by: 'sku',
      kind: 'inventory',
      quantityChange: { system: 'zuper', from: 4, to: 9 },
    },
    {
      action: 'link',
      accountingItemId: '12',
      fieldItemId: 'z12',
      by: 'sku',
      kind: 'inventory',
      quantityChange: { side: 'field', from: 4, to: 9 },
    },
  ],
  [
    'a link moving the accounting side',
    {
      action: 'link',
      qboItemId: '3',
      zuperProductUid: 'z3',
      by: 'name',
      kind: 'inventory',
      quantityChange: { system: 'qbo', from: 5, to: 1 },
    },
    {
      action: 'link',
      accountingItemId: '3',
      fieldItemId: 'z3',
      by: 'name',
      kind: 'inventory',
      quantityChange: { side: 'accounting', from: 5, to: 1 },
    },
  ],
  [
    'a link moving nothing',
    { action: 'link', qboItemId: '4', zuperProductUid: 'z4', by: 'name', kind: 'service', quantityChange: null },
    { action: 'link', accountingItemId: '4', fieldItemId: 'z4', by: 'name', kind: 'service', quantityChange: null },
  ],
  [
    'a create on the field side, with its copy source',
    { action: 'create', in: 'zuper', fromId: '5', name: 'Valve', kind: 'inventory', source },
    { action: 'create', in: 'field', fromId: '5', name: 'Valve', kind: 'inventory', source },
  ],
  [
    'a create on the accounting side, read when carried out',
    { action: 'create', in: 'qbo', fromId: 'z6', name: 'Pipe', kind: 'noninventory' },
    { action: 'create', in: 'accounting', fromId: 'z6', name: 'Pipe', kind: 'noninventory' },
  ],
  [
    'a skip on the accounting side',
    { action: 'skip', system: 'qbo', id: '7', name: 'Kit', reason: 'QuickBooks Group items are not synced' },
    { action: 'skip', side: 'accounting', id: '7', name: 'Kit', reason: 'QuickBooks Group items are not synced' },
  ],
  [
    'a skip on the field side',
    { action: 'skip', system: 'zuper', id: 'z8', name: 'Bundle', reason: 'created in Zuper' },
    { action: 'skip', side: 'field', id: 'z8', name: 'Bundle', reason: 'created in Zuper' },
  ],
  [
    'a keep',
    { action: 'keep', qboItemId: '1', zuperProductUid: 'z1' },
    { action: 'keep', accountingItemId: '1', fieldItemId: 'z1' },
  ],
];
