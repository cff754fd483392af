import type { ActivityDeps } from '../deps.js';
import { needsAttention } from '../failures.js';
import { requireActiveConnection } from '../connection-guard.js';
import { computeSettle, isNoop } from '../../domain/settle.js';
import { movementId, settlePlanId } from '../../domain/movement-id.js';
import type { SettlePlan } from '../../domain/settle-plan.js';
import { sides, type Side } from '../../domain/sides.js';
import type { ItemLink } from '../../storage/repositories/links.js';
import { accountingItemIdOf } from '../../domain/recorded-shapes/item-ids.js';
import { systemLabel } from '../../domain/systems.js';
import { quantitySnapshotOf } from '../../domain/recorded-shapes/settle-request.js';
import type { ConnectionSides } from '../../integrations/port.js';
import { connectionSides } from '../sides.js';
import type { PlanSettleInput, PlanSettleResult } from './types.js';
import { readQuantities } from './read-quantities.js';
import { applyPlanMovement } from './apply-movement.js';

/**
 * Decides a settle: reads both sides, or only the side whose change asked for it, or trusts a bulk snapshot taken at
 * the current link version; computes each side's change since the base and stores the plan on the link before
 * anything is written anywhere. A plan left pending by a crash is returned for resumption instead. With
 * `applyOneSided`, a plan (fresh or resumed) that moves one side only is applied here too, once stored: the workflow
 * is spared a round trip through Temporal before the write (docs/settle.md, "Exactly once").
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
  let ports: Promise<ConnectionSides> | undefined;
  const sidesOnce = () => (ports ??= connectionSides(deps, connection));
  if (link.pendingSettle) return planned(input, sidesOnce, link.pendingSettle, true);
  if (!link.tracksQuantity || link.baseQty === null) return { kind: 'in-sync', accounting: 0, field: 0, base: 0 };

  const read = await observe(sidesOnce, link, input);
  // A side not read counts as unchanged since the base; its own trigger settles what it changed.
  const seen = { accounting: read.quantities.accounting ?? link.baseQty, field: read.quantities.field ?? link.baseQty };
  const unread = sides.find((side) => read.quantities[side] === undefined);
  const math = computeSettle({ base: link.baseQty, ...seen });
  if (isNoop(math)) {
    await deps.store.links.touchSettled(input.connectionId, itemId);
    return {
      kind: 'in-sync',
      accounting: read.quantities.accounting ?? null,
      field: read.quantities.field ?? null,
      base: link.baseQty,
    };
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
    ...(read.name === undefined ? {} : { itemName: read.name }),
    ...(unread ? { unread } : {}),
  };
  const stored = await deps.store.links.storePlan(plan);
  return planned(input, sidesOnce, stored, stored.id !== plan.id);
}

/**
 * The stored plan, with its movement applied when it moves one side only and the workflow asked for that. A retried
 * attempt finds the plan pending (resumed), so the side looks the movement id up before writing.
 */
async function planned(
  input: PlanSettleInput,
  ports: () => Promise<ConnectionSides>,
  plan: SettlePlan,
  resumed: boolean,
): Promise<PlanSettleResult> {
  const moving = sides.filter((side) => plan[side].move !== 0);
  if (!input.applyOneSided || moving.length !== 1) return { kind: 'plan', plan, resumed };
  const side = moving[0]!;
  const ref = await applyPlanMovement((await ports())[side], plan, side, resumed);
  return { kind: 'plan', plan, resumed, applied: { side, ref } };
}

/**
 * What the settle sees: a bulk snapshot taken at the current link version, else a read of the side that asked (or of
 * both).
 */
async function observe(
  ports: () => Promise<ConnectionSides>,
  link: ItemLink,
  input: PlanSettleInput,
): Promise<{ quantities: Partial<Record<Side, number>>; name?: string }> {
  const snapshot = input.snapshot && quantitySnapshotOf(input.snapshot);
  if (snapshot && snapshot.linkVersion === link.version) {
    return { quantities: { accounting: snapshot.accounting, field: snapshot.field } };
  }
  return readQuantities(await ports(), link, input.readOnly);
}
