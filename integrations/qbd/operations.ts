import { randomUUID } from 'node:crypto';
import { qbxmlRequestDocument } from './qbxml.js';
import {
  inventoryAdjustmentAdd,
  inventoryAdjustmentsByMovement,
  itemInventoryMod,
  itemQuery,
  itemsByListId,
  type AdjustmentInput,
  type ItemFilter,
  type ItemInventoryFields,
  type QbxmlRequest,
} from './requests.js';
import {
  parseAdjustmentAddResponse,
  parseAdjustmentQueryResponse,
  parseItemInventoryWriteResponse,
  parseItemQueryResponse,
  QbdStatusError,
  type QbdItem,
} from './responses.js';

/**
 * Sends one qbXML request document to QuickBooks and answers its response document. The Web Connector's work queue
 * will implement it; tests pass the emulator's request processor.
 */
export type QbxmlSend = (requestXml: string) => Promise<string>;

type Iteration = { iterator: 'Start' } | { iterator: 'Continue'; iteratorId: string };

function exchange(send: QbxmlSend, request: QbxmlRequest, iteration?: Iteration): Promise<string> {
  return send(
    qbxmlRequestDocument({
      requestId: randomUUID(),
      requestType: request.requestType,
      body: request.body,
      iterator: iteration?.iterator ?? null,
      iteratorId: iteration?.iterator === 'Continue' ? iteration.iteratorId : null,
    }),
  );
}

/** Every item matching the filter, following the iterator until QuickBooks says nothing remains. */
export async function readAllItems(send: QbxmlSend, filter: ItemFilter = {}): Promise<QbdItem[]> {
  const request = itemQuery(filter);
  const items: QbdItem[] = [];
  let page = parseItemQueryResponse(await exchange(send, request, { iterator: 'Start' }));
  items.push(...page.items);
  while (page.iterator !== null && page.iterator.remaining > 0) {
    page = parseItemQueryResponse(
      await exchange(send, request, { iterator: 'Continue', iteratorId: page.iterator.id }),
    );
    items.push(...page.items);
  }
  return items;
}

/** The item with this ListID, or null when QuickBooks no longer has it. */
export async function readItem(send: QbxmlSend, listId: string): Promise<QbdItem | null> {
  return parseItemQueryResponse(await exchange(send, itemsByListId([listId]))).items[0] ?? null;
}

/**
 * Applies a relative movement at most once. QuickBooks Desktop keeps no request ids, so the movement is first looked
 * up by the RefNumber and Memo it is written with; an adjustment found there is the movement, written by an
 * earlier attempt whose answer was lost.
 */
export async function applyMovementOnce(
  send: QbxmlSend,
  movement: AdjustmentInput,
): Promise<{ txnId: string; alreadyApplied: boolean }> {
  const landed = parseAdjustmentQueryResponse(
    await exchange(send, inventoryAdjustmentsByMovement(movement.movementId)),
  );
  const mine = landed.find((adjustment) => adjustment.memo?.includes(movement.movementId) ?? false);
  if (mine) return { txnId: mine.txnId, alreadyApplied: true };
  const added = parseAdjustmentAddResponse(await exchange(send, inventoryAdjustmentAdd(movement)));
  return { txnId: added.txnId, alreadyApplied: false };
}

/**
 * Changes an inventory item's definition. When someone changed the item since `editSequence` was read (3200), the
 * item is read again and the change sent once more with the fresh EditSequence; a second conflict is thrown.
 */
export async function updateItemDefinition(
  send: QbxmlSend,
  item: { id: string; editSequence: string },
  changes: Partial<ItemInventoryFields>,
): Promise<QbdItem> {
  const modify = async (editSequence: string) =>
    parseItemInventoryWriteResponse(
      await exchange(send, itemInventoryMod(item.id, editSequence, changes)),
      'ItemInventoryModRq',
    );
  try {
    return await modify(item.editSequence);
  } catch (error) {
    if (!(error instanceof QbdStatusError) || error.reason !== 'stale-edit-sequence') throw error;
    const fresh = await readItem(send, item.id);
    if (fresh === null) throw error;
    return await modify(fresh.editSequence);
  }
}
