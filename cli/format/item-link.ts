import type { ItemLinkedView, ItemUnlinkedView } from '../../operator/contract/item-link.js';
import { systemName } from './words.js';

export function formatItemLinked(connectionId: string, answer: ItemLinkedView): string {
  const move = answer.quantityChange;
  return [
    `Linked QuickBooks item ${answer.qboItemId} and Zuper product ${answer.zuperProductUid} (${answer.kind}; history #${answer.historyId}).`,
    move
      ? `The first settle moves ${systemName(move.system)} from ${move.from} to ${move.to}, the product master's quantity; see \`qzsync history ${connectionId} --item ${answer.qboItemId}\`.`
      : answer.kind === 'inventory'
        ? 'Both quantities already agree; from now on each change is synced.'
        : 'No quantity is tracked for this kind; its definition syncs from the product master.',
  ].join('\n');
}

export function formatItemUnlinked(connectionId: string, answer: ItemUnlinkedView): string {
  return [
    `Unlinked QuickBooks item ${answer.qboItemId} and Zuper product ${answer.zuperProductUid} (history #${answer.historyId}); neither was changed.`,
    `Their quantities and definitions no longer sync. The next \`qzsync link ${connectionId}\` or reconciliation matches`,
    `the master item again by SKU or name (or copies it); link it to another record with \`qzsync link-item\`.`,
  ].join('\n');
}
