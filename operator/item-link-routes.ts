import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../service/context.js';
import { linkItemByHand, unlinkItem } from '../service/link-item.js';
import { connectionIdSchema, storableText } from '../domain/input-rules.js';
import type { ItemLinkedView, ItemUnlinkedView } from './contract/item-link.js';
import { OperatorError } from './errors.js';
import { parseInput } from './parse-input.js';
import { requireReady } from './require-ready.js';

const itemParams = z.object({
  id: connectionIdSchema,
  // QuickBooks entity ids are decimal numbers.
  qboItemId: z.string().regex(/^\d{1,20}$/, 'a QuickBooks item id (digits)'),
});
const linkItemBody = z.strictObject({ zuperProductUid: z.string().trim().min(1).pipe(storableText(100)) });

const statusOf: Record<string, number> = {
  accounting_item_missing: 404,
  field_item_missing: 404,
  not_linked: 404,
  unsupported_type: 422,
  already_linked: 409,
  settling: 409,
};

const fixFor = (code: string, connectionId: string, qboItemId: string): string | undefined =>
  ({
    accounting_item_missing: 'Check the QuickBooks item id: it is the number after "item=" in its QuickBooks address.',
    field_item_missing: 'Check the Zuper product uid in Zuper.',
    unsupported_type:
      'Only QuickBooks Inventory, NonInventory and Service items and Zuper PRODUCT, PARTS and SERVICE products can be linked.',
    already_linked: `Unlink the linked one first with \`qzsync unlink-item ${connectionId} <qbo-item-id>\`, then link again.`,
    not_linked: undefined,
    settling: `Try again in a few seconds: \`qzsync unlink-item ${connectionId} ${qboItemId}\`.`,
  })[code];

const refused = (answer: { code: string; reason: string }, connectionId: string, qboItemId: string) =>
  new OperatorError(
    statusOf[answer.code] ?? 409,
    answer.code,
    answer.reason,
    fixFor(answer.code, connectionId, qboItemId),
  );

/**
 * Linking and unlinking one item by hand, under /api with the operator routes (their access and error handling).
 * Both answer only once the link is stored or removed and its history row written; a refusal changes nothing.
 */
export function registerItemLinkRoutes(
  api: FastifyInstance,
  ctx: AppContext,
  oneConnection: RouteShorthandOptions,
): void {
  api.post('/connections/:id/items/:qboItemId/link', oneConnection, async (request): Promise<ItemLinkedView> => {
    const { id, qboItemId } = parseInput(itemParams, request.params);
    const { zuperProductUid } = parseInput(linkItemBody, request.body);
    requireReady(await ctx.store.connections.get(id));
    const answer = await linkItemByHand(ctx.activityDeps, { connectionId: id, qboItemId, zuperProductUid });
    if (!answer.ok) throw refused(answer, id, qboItemId);
    const { ok: _linked, ...view } = answer;
    return view;
  });
  api.delete('/connections/:id/items/:qboItemId/link', oneConnection, async (request): Promise<ItemUnlinkedView> => {
    const { id, qboItemId } = parseInput(itemParams, request.params);
    await ctx.store.connections.get(id); // an unknown connection answers 404
    const answer = await unlinkItem(ctx.activityDeps, { connectionId: id, qboItemId });
    if (!answer.ok) throw refused(answer, id, qboItemId);
    const { ok: _unlinked, ...view } = answer;
    return view;
  });
}
