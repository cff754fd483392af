import { decideStock, type InvoiceEvent } from '../emulators/zuper/invoices/consumption-rules.js';
import type { CompanySettings, ZuperEmulatorSettings } from '../emulators/zuper/index.js';
import { effectBetween, effectOf, type Effect } from './effects.js';

export interface InvoiceLine {
  qboItemId: string;
  productUid: string;
  locationUid: string;
  qty: number;
}

/** A Zuper invoice as its author knows it, and the stock it holds out (a negative effect) right now. */
export interface TrackedInvoice {
  uid: string;
  lines: InvoiceLine[];
  canceled: boolean;
  deleted: boolean;
  stock: { consuming: boolean; restoredByDelete: boolean };
  held: Effect;
}

export interface ConsumptionRules {
  module: CompanySettings['consumption_module'];
  rules: ZuperEmulatorSettings['consumption'];
}

/**
 * The stock effect of an invoice event under Zuper's consumption switches (create, edit, delete, cancel and
 * recover each follow their own; the emulator makes them settings because the real behaviour is unconfirmed).
 * Updates the invoice's holding and returns what the event did to stock.
 */
export function applyInvoiceEvent(
  invoice: TrackedInvoice,
  event: InvoiceEvent,
  lines: InvoiceLine[],
  { module, rules }: ConsumptionRules,
): Effect {
  const decision = decideStock(event, invoice.stock, module, rules);
  const held: Effect =
    decision.hold === 'lines'
      ? effectOf(lines, -1)
      : decision.hold === 'none'
        ? new Map<string, number>()
        : invoice.held;
  const effect = effectBetween(invoice.held, held);
  invoice.held = held;
  invoice.lines = lines;
  invoice.stock = { consuming: decision.consuming, restoredByDelete: decision.restoredByDelete };
  return effect;
}
