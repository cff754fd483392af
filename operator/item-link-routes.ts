import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../service/context.js';
import { linkItemByHand, unlinkItem } from '../service/link-item.js';
import { connectionIdSchema, storableText } from '../domain/input-rules.js';
import type { ItemLinkedView, ItemUnlinkedView } from './contract/item-link.js';
import { OperatorError } from './errors.js';
import { olderFieldItemIdName } from './contract/vendor-named-fields.js';
import { parseInput } from './parse-input.js';
import { requireReady } from './require-ready.js';
import { sideNames, type SideNames } from '../integrations/registry.js';
import type { Side } from '../domain/sides.js';

const itemParams = z.object({
  id: connectionIdSchema,
  // Accounting systems' ids are decimal numbers or hexadecimal with a dash.
  accountingItemId: z.string().regex(/^[0-9A-Za-z-]{1,40}$/, 'an accounting item id (letters, digits and dashes)'),
});
const fieldItemId = z.string().trim().min(1).pipe(storableText(100));
/** Clients of versions before the side-neutral API send the field item under its older name. */
const linkItemBody = z
  .strictObject({ fieldItemId: fieldItemId.optional(), [olderFieldItemIdName]: fieldItemId.optional() })
  .transform((body, check) => {
    const id = body.fieldItemId ?? body[olderFieldItemIdName];
    if (id === undefined) {
      check.addIssue({ code: 'custom', path: ['fieldItemId'], message: 'the field item id is required' });
      return z.NEVER;
    }
    return { fieldItemId: id };
  });

const statusOf: Record<string, number> = {
  accounting_item_missing: 404,
  field_item_missing: 404,
  not_linked: 404,
  unsupported_type: 422,
  already_linked: 409,
  settling: 409,
};

const fixFor = (code: string, connectionId: string, accountingItemId: string, names: Record<Side, SideNames>) =>
  ({
    accounting_item_missing: `Check the ${names.accounting.record} id in ${names.accounting.system}.`,
    field_item_missing: `Check the ${names.field.record} id in ${names.field.system}.`,
    unsupported_type: `Only inventory, non-inventory and service items can be linked, in ${names.accounting.system} and ${names.field.system} alike.`,
    already_linked: `Unlink the linked one first with \`qzsync unlink-item ${connectionId} <accounting-item-id>\`, then link again.`,
    not_linked: undefined,
    settling: `Try again in a few seconds: \`qzsync unlink-item ${connectionId} ${accountingItemId}\`.`,
  })[code];

const refused = (
  answer: { code: string; reason: string },
  connectionId: string,
  accountingItemId: string,
  names: Record<Side, SideNames>,
) =>
  new OperatorError(
    statusOf[answer.code] ?? 409,
    answer.code,
    answer.reason,
    fixFor(answer.code, connectionId, accountingItemId, names),
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
  api.post('/connections/:id/items/:accountingItemId/link', oneConnection, async (request): Promise<ItemLinkedView> => {
    const { id, accountingItemId } = parseInput(itemParams, request.params);
    const { fieldItemId } = parseInput(linkItemBody, request.body);
    const connection = await ctx.store.connections.get(id);
    requireReady(connection);
    const answer = await linkItemByHand(ctx.activityDeps, { connectionId: id, accountingItemId, fieldItemId });
    if (!answer.ok) throw refused(answer, id, accountingItemId, sideNames(connection));
    const { ok: _linked, ...view } = answer;
    return view;
  });
  api.delete(
    '/connections/:id/items/:accountingItemId/link',
    oneConnection,
    async (request): Promise<ItemUnlinkedView> => {
      const { id, accountingItemId } = parseInput(itemParams, request.params);
      const connection = await ctx.store.connections.get(id); // an unknown connection answers 404
      const answer = await unlinkItem(ctx.activityDeps, { connectionId: id, accountingItemId });
      if (!answer.ok) throw refused(answer, id, accountingItemId, sideNames(connection));
      const { ok: _unlinked, ...view } = answer;
      return view;
    },
  );
}
