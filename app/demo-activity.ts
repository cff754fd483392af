import type { AppContext } from '../service/context.js';
import type { EmulatorsAdminClient } from '../emulators/admin-client.js';
import type { DemoCompany } from './demo.js';
import { DEMO_ZUPER_COMPANY } from './demo.js';
import { saleInvoice } from '../emulators/qbo/sell-on-invoice.js';
import { consumeOnInvoice } from '../emulators/zuper/index.js';

/**
 * Every few seconds a technician consumes parts on a Zuper invoice or the office sells some in QuickBooks, so a
 * newcomer watches quantities follow in the other system. Prints what happened and both quantities shortly after.
 */
export function startDemoActivity(
  ctx: AppContext,
  emulators: EmulatorsAdminClient,
  demo: DemoCompany,
  print: (line: string) => void,
  everyMs = 12_000,
): () => void {
  let turn = 0;
  const tick = async () => {
    const links = (await ctx.store.links.list(demo.connectionId)).filter((l) => l.tracksQuantity);
    const link = links[turn % Math.max(1, links.length)];
    if (!link) return;
    const qty = 1 + (turn % 3);
    const item = await emulators.qbo.getEntity(demo.realmId, 'Item', link.accountingItemId);
    const name = typeof item?.Name === 'string' ? item.Name : link.accountingItemId;
    if (turn % 2 === 0) {
      await consumeOnInvoice(`${emulators.zuper.baseUrl}/api`, demo.zuperApiKey, {
        productUid: link.fieldItemId,
        locationUid: demo.vanLocationUid,
        qty,
        unitPrice: 4,
      });
      print(`demo: a technician used ${qty} × ${name} on a Zuper invoice (Van 7) → QuickBooks follows`);
    } else {
      await emulators.qbo.act(demo.realmId, saleInvoice({ itemId: link.accountingItemId, qty, unitPrice: 4 }));
      print(`demo: the office sold ${qty} × ${name} on a QuickBooks invoice → Zuper follows (Main Warehouse)`);
    }
    turn += 1;
    setTimeout(() => {
      void (async () => {
        const q = (await emulators.qbo.getEntity(demo.realmId, 'Item', link.accountingItemId))?.QtyOnHand;
        const z = (await emulators.zuper.product(DEMO_ZUPER_COMPANY, link.fieldItemId))?.quantity;
        print(`demo:   ${name}: QuickBooks ${String(q)}, Zuper ${String(z)}`);
      })().catch((e: Error) => print(`demo: ${e.message}`));
    }, 2000).unref();
  };
  const timer = setInterval(() => void tick().catch((e: Error) => print(`demo: ${e.message}`)), everyMs);
  return () => clearInterval(timer);
}
