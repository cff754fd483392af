import type { AppContext } from '../service/context.js';
import type { EmulatorsAdminClient } from '../emulators/admin-client.js';
import type { ItemLink } from '../storage/repositories/links.js';
import type { DemoCompany } from './qbo-demo.js';
import { DEMO_ZUPER_COMPANY } from './qbo-demo.js';
import { saleInvoice } from '../emulators/qbo/sell-on-invoice.js';
import { consumeOnInvoice } from '../emulators/zuper/index.js';

/** How the demo acts as each system's users on one linked item, and reads both quantities back. */
export interface DemoActors {
  connectionId: string;
  /** The accounting system's name as users know it ("QuickBooks", "QuickBooks Desktop"). */
  accounting: string;
  itemName(link: ItemLink): Promise<string>;
  /** A technician uses `qty` on a Zuper invoice; answers where, for the narration. */
  consumeInZuper(link: ItemLink, qty: number): Promise<string>;
  /** The office sells `qty` in the accounting system; answers on what, for the narration. */
  sellInAccounting(link: ItemLink, qty: number, turn: number): Promise<string>;
  quantities(link: ItemLink): Promise<{ accounting: unknown; field: unknown }>;
}

/** One thing the demo did: which item, which side acted and by how much. */
export interface DemoStep {
  link: ItemLink;
  name: string;
  acted: 'field' | 'accounting';
  qty: number;
}

/**
 * The demo's turns, one at a time: even turns consume parts on a Zuper invoice, odd ones sell in the accounting
 * system, each on the next linked item that tracks quantity. Null when nothing is linked yet.
 */
export function demoSteps(ctx: AppContext, actors: DemoActors, print: (line: string) => void) {
  let turn = 0;
  return async function step(): Promise<DemoStep | null> {
    const links = (await ctx.store.links.list(actors.connectionId)).filter((l) => l.tracksQuantity);
    const link = links[turn % Math.max(1, links.length)];
    if (!link) return null;
    const qty = 1 + (turn % 3);
    const name = await actors.itemName(link);
    const acted = turn % 2 === 0 ? 'field' : 'accounting';
    if (acted === 'field') {
      const where = await actors.consumeInZuper(link, qty);
      print(`demo: a technician used ${qty} × ${name} on a Zuper invoice (${where}) → ${actors.accounting} follows`);
    } else {
      const what = await actors.sellInAccounting(link, qty, turn);
      print(`demo: the office sold ${qty} × ${name} on a ${what} → Zuper follows (Main Warehouse)`);
    }
    turn += 1;
    return { link, name, acted, qty };
  };
}

/** Both quantities once they agree again, or as they stand after `deadlineMs`. */
async function settledQuantities(actors: DemoActors, link: ItemLink, deadlineMs: number) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500).unref());
    const q = await actors.quantities(link);
    if (q.accounting === q.field || Date.now() >= until) return q;
  }
}

/**
 * Every few seconds a technician consumes parts on a Zuper invoice or the office sells some in the accounting
 * system, so a newcomer watches quantities follow in the other system. Prints what happened and both quantities once
 * they agree (or after 20 s).
 */
export function startDemoActivity(
  ctx: AppContext,
  actors: DemoActors,
  print: (line: string) => void,
  everyMs = 12_000,
): () => void {
  let stopped = false;
  // Quiet once stopped: a turn still waiting for the other side must not narrate over the shutdown.
  const say = (line: string) => void (stopped || print(line));
  const step = demoSteps(ctx, actors, say);
  const tick = async () => {
    const done = await step();
    if (!done) return;
    const q = await settledQuantities(actors, done.link, 20_000);
    say(`demo:   ${done.name}: ${actors.accounting} ${String(q.accounting)}, Zuper ${String(q.field)}`);
  };
  const timer = setInterval(() => void tick().catch((e: Error) => say(`demo: ${e.message}`)), everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** The QuickBooks Online demo's users: the QBO and Zuper emulators' admin and public APIs. */
export function qboDemoActors(emulators: EmulatorsAdminClient, demo: DemoCompany): DemoActors {
  const qboItem = (link: ItemLink) => emulators.qbo.getEntity(demo.realmId, 'Item', link.accountingItemId);
  return {
    connectionId: demo.connectionId,
    accounting: 'QuickBooks',
    async itemName(link) {
      const item = await qboItem(link);
      return typeof item?.Name === 'string' ? item.Name : link.accountingItemId;
    },
    async consumeInZuper(link, qty) {
      await consumeOnInvoice(`${emulators.zuper.baseUrl}/api`, demo.zuperApiKey, {
        productUid: link.fieldItemId,
        locationUid: demo.vanLocationUid,
        qty,
        unitPrice: 4,
      });
      return 'Van 7';
    },
    async sellInAccounting(link, qty) {
      await emulators.qbo.act(demo.realmId, saleInvoice({ itemId: link.accountingItemId, qty, unitPrice: 4 }));
      return 'QuickBooks invoice';
    },
    async quantities(link) {
      return {
        accounting: (await qboItem(link))?.QtyOnHand,
        field: (await emulators.zuper.product(DEMO_ZUPER_COMPANY, link.fieldItemId))?.quantity,
      };
    },
  };
}
