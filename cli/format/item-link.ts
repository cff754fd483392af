import type { ItemLinkedView, ItemUnlinkedView } from '../../operator/contract/item-link.js';

export function formatItemLinked(connectionId: string, answer: ItemLinkedView): string {
  const move = answer.quantityChange;
  const { names } = answer;
  return [
    `Linked ${names.accounting.record} ${answer.accountingItemId} and ${names.field.record} ${answer.fieldItemId} (${answer.kind}; history #${answer.historyId}).`,
    move
      ? `The first settle moves ${names[move.side].system} from ${move.from} to ${move.to}, the product master's quantity; see \`qzsync history ${connectionId} --item ${answer.accountingItemId}\`.`
      : answer.kind === 'inventory'
        ? 'Both quantities already agree; from now on each change is synced.'
        : 'No quantity is tracked for this kind; its definition syncs from the product master.',
  ].join('\n');
}

export function formatItemUnlinked(connectionId: string, answer: ItemUnlinkedView): string {
  const { names } = answer;
  return [
    `Unlinked ${names.accounting.record} ${answer.accountingItemId} and ${names.field.record} ${answer.fieldItemId} (history #${answer.historyId}); neither was changed.`,
    `Their quantities no longer sync. The next change to the master item, \`qzsync link ${connectionId}\` or reconciliation`,
    `links it again by SKU or name, or copies it: to pair it with another record, run \`qzsync link-item\` now.`,
  ].join('\n');
}
