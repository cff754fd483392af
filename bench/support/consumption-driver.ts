import type { BenchEnvironment } from './benchmark.js';
import { qboQty, waitQuiet, zuperQty } from './catalog.js';
import { consumeInZuper, sellInQbo } from '../../harness/sales.js';
import type { BenchConnection } from '../../harness/connection.js';
import type { BenchStack } from './stack.js';
import { qboEntityKey, zuperInvoiceKey, type WebhookArrivals } from './webhook-arrivals.js';

export const EVENT_TIMEOUT_MS = 60_000;

export interface Item {
  connection: BenchConnection;
  qboItemId: string;
  zuperUid: string;
}

export interface Pending {
  item: Item;
  /** Where the consumption happened; the other system must follow. */
  from: 'qbo' | 'zuper';
  webhookKey: string;
  expected: number;
  consumedAt: number;
}

export interface Outcome {
  connectionId: string;
  from: 'qbo' | 'zuper';
  /** Webhook POST → quantity visible; null when no webhook for the consumption reached the intake. */
  fromWebhookMs: number | null;
  fromConsumptionMs: number;
}

/** One consumption on `item` in `from`, with what the other system must then show. */
async function consume(stack: BenchStack, item: Item, from: 'qbo' | 'zuper', qty: number): Promise<Pending> {
  const { connection } = item;
  if (from === 'qbo') {
    const expected = zuperQty(stack.emulators, connection.zuperCompany, item.zuperUid) - qty;
    const consumedAt = performance.now();
    const invoiceId = sellInQbo(stack.emulators, connection.realmId, item.qboItemId, qty);
    return { item, from, webhookKey: qboEntityKey(connection.realmId, 'Invoice', invoiceId), expected, consumedAt };
  }
  const expected = qboQty(stack.emulators, connection.realmId, item.qboItemId) - qty;
  const consumedAt = performance.now();
  const invoiceUid = await consumeInZuper(connection, item.zuperUid, qty);
  return { item, from, webhookKey: zuperInvoiceKey(invoiceUid), expected, consumedAt };
}

const visible = (stack: BenchStack, p: Pending) =>
  p.from === 'qbo'
    ? zuperQty(stack.emulators, p.item.connection.zuperCompany, p.item.zuperUid) === p.expected
    : qboQty(stack.emulators, p.item.connection.realmId, p.item.qboItemId) === p.expected;

/**
 * Paced consumptions, alternating QBO invoices and Zuper invoices over all items (one outstanding per item), while a
 * 2 ms loop polls the emulators' in-process state for the other system to show the new quantity.
 */
export async function drive(
  env: BenchEnvironment,
  stack: BenchStack,
  items: Item[],
  arrivals: WebhookArrivals,
  pace: { events: number; perMinute: number; label: string },
): Promise<{ outcomes: Outcome[]; timedOut: number; timedOutConnections: string[]; drivenMs: number }> {
  const pending = new Set<Pending>();
  const outcomes: Outcome[] = [];
  /** The connection of each consumption not followed within EVENT_TIMEOUT_MS. */
  const timedOutConnections: string[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling || pending.size > 0) {
      const now = performance.now();
      for (const p of pending) {
        if (visible(stack, p)) {
          const webhookAt = arrivals.get(p.webhookKey);
          outcomes.push({
            connectionId: p.item.connection.connectionId,
            from: p.from,
            fromWebhookMs: webhookAt === undefined ? null : now - webhookAt,
            fromConsumptionMs: now - p.consumedAt,
          });
          pending.delete(p);
        } else if (now - p.consumedAt > EVENT_TIMEOUT_MS) {
          timedOutConnections.push(p.item.connection.connectionId);
          pending.delete(p);
        }
      }
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  const intervalMs = 60_000 / pace.perMinute;
  const started = performance.now();
  let cursor = 0;
  try {
    for (let k = 0; k < pace.events; k++) {
      const wait = started + k * intervalMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const busy = new Set([...pending].map((p) => p.item));
      let item = items[cursor++ % items.length]!;
      for (let tries = 0; busy.has(item) && tries < items.length; tries++) item = items[cursor++ % items.length]!;
      if (busy.has(item))
        throw new Error('every item still has a consumption in flight: the service is not keeping up');
      pending.add(await consume(stack, item, k % 2 === 0 ? 'qbo' : 'zuper', 1 + (k % 3)));
      if ((k + 1) % 100 === 0) env.log(`${pace.label}: ${k + 1}/${pace.events} consumptions`);
    }
  } catch (error) {
    pending.clear();
    throw error;
  } finally {
    polling = false;
    await poller;
  }
  return {
    outcomes,
    timedOut: timedOutConnections.length,
    timedOutConnections,
    drivenMs: performance.now() - started,
  };
}

/**
 * One consumption on its own: made, followed by the other system, then the service left to go quiet, so every API
 * call between the start and the return is caused by it (its deliveries, settles, writes and their echoes).
 */
export async function consumeAlone(
  stack: BenchStack,
  item: Item,
  from: 'qbo' | 'zuper',
  qty: number,
  quietMs: number,
): Promise<boolean> {
  const p = await consume(stack, item, from, qty);
  while (!visible(stack, p)) {
    if (performance.now() - p.consumedAt > EVENT_TIMEOUT_MS) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  await waitQuiet(stack.emulators, quietMs);
  return true;
}

export interface BurstOutcome {
  /** Webhook POST of the burst's last consumption → the other system shows the burst's total (0 if it showed first). */
  fromLastWebhookMs: number | null;
  /** First consumption → the other system shows the total. */
  fromFirstConsumptionMs: number;
  followed: boolean;
}

/**
 * `count` consumptions of one unit on one item in Zuper, back to back (a technician's busy hour in one burst), then
 * waits for QuickBooks to show them all: the settles of a burst coalesce, so the total arrives in a few movements.
 */
export async function burst(
  stack: BenchStack,
  item: Item,
  arrivals: WebhookArrivals,
  count: number,
): Promise<BurstOutcome> {
  const expected = qboQty(stack.emulators, item.connection.realmId, item.qboItemId) - count;
  const startedAt = performance.now();
  let lastKey = '';
  for (let k = 0; k < count; k++) {
    lastKey = zuperInvoiceKey(await consumeInZuper(item.connection, item.zuperUid, 1));
  }
  while (qboQty(stack.emulators, item.connection.realmId, item.qboItemId) !== expected) {
    if (performance.now() - startedAt > EVENT_TIMEOUT_MS) {
      return { fromLastWebhookMs: null, fromFirstConsumptionMs: EVENT_TIMEOUT_MS, followed: false };
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  const visibleAt = performance.now();
  // A settle reads Zuper's whole quantity, so an earlier webhook's settle can carry the later consumptions and the
  // total can show before the last webhook arrives: wait for it, and count that as 0.
  while (arrivals.get(lastKey) === undefined && performance.now() - startedAt <= EVENT_TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 2));
  }
  const lastWebhookAt = arrivals.get(lastKey);
  return {
    fromLastWebhookMs: lastWebhookAt === undefined ? null : Math.max(0, visibleAt - lastWebhookAt),
    fromFirstConsumptionMs: visibleAt - startedAt,
    followed: true,
  };
}
