import type { ActivityDeps } from '../deps.js';
import { needsAttention } from '../failures.js';
import { requireActiveConnection } from '../connection-guard.js';
import { computeSettle, isNoop } from '../../domain/settle.js';
import { movementId, settlePlanId } from '../../domain/movement-id.js';
import type { SettlePlan } from '../../domain/settle-plan.js';
import type { Side } from '../../domain/sides.js';
import { accountingItemIdOf } from '../../domain/item-ids.js';
import { systemLabel } from '../../domain/systems.js';
import type { PlanSettleInput, PlanSettleResult } from './types.js';
import { readQuantities } from './read-quantities.js';

/**
 * Decides a settle: reads both sides (or trusts a bulk snapshot taken at the current link version), computes each
 * side's change since the base and stores the plan on the link before anything is written anywhere. A plan left
 * pending by a crash is returned for resumption instead.
 */
export async function planSettle(deps: ActivityDeps, input: PlanSettleInput): Promise<PlanSettleResult> {
  const connection = await requireActiveConnection(deps, input.connectionId);
  const itemId = accountingItemIdOf(input);
  const link = await deps.store.links.get(input.connectionId, itemId);
  if (!link) {
    throw needsAttention(
      'link-missing',
      `${systemLabel(connection.accountingSystem)} item ${itemId} is not linked to a ${systemLabel(connection.fieldSystem)} product in connection ${input.connectionId}.`,
      'Run `qzsync link` (with --dry-run first) to link the catalogs.',
    );
  }
  if (link.pendingSettle) return { kind: 'plan', plan: link.pendingSettle, resumed: true };
  if (!link.tracksQuantity || link.baseQty === null) return { kind: 'in-sync', qbo: 0, zuper: 0, base: 0 };

  const seen =
    input.snapshot && input.snapshot.linkVersion === link.version
      ? { accounting: input.snapshot.qbo, field: input.snapshot.zuper }
      : await readQuantities(deps, connection, {
          connectionId: input.connectionId,
          accountingItemId: link.accountingItemId,
          fieldItemId: link.fieldItemId,
        });
  const math = computeSettle({ base: link.baseQty, ...seen });
  if (isNoop(math)) {
    await deps.store.links.touchSettled(input.connectionId, itemId);
    return { kind: 'in-sync', qbo: seen.accounting, zuper: seen.field, base: link.baseQty };
  }
  const id = settlePlanId(input.connectionId, itemId, link.version);
  const sideMove = (side: Side) => ({ seen: seen[side], move: math.move[side], movementId: movementId(id, side) });
  const plan: SettlePlan = {
    id,
    connectionId: input.connectionId,
    accountingItemId: link.accountingItemId,
    fieldItemId: link.fieldItemId,
    linkVersion: link.version,
    base: link.baseQty,
    newBase: math.newBase,
    accounting: sideMove('accounting'),
    field: sideMove('field'),
    reason: input.reason.slice(0, 500),
    plannedAt: new Date().toISOString(),
    ...('name' in seen ? { itemName: seen.name } : {}),
  };
  const stored = await deps.store.links.storePlan(plan);
  return { kind: 'plan', plan: stored, resumed: stored.id !== plan.id };
}
