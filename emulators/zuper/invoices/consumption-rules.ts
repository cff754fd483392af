import type { CompanySettings } from '../company-settings.js';
import type { ZuperEmulatorSettings } from '../settings.js';
import type { InvoiceStockState } from '../store/types.js';
import type { InvoiceStatus } from './invoice-statuses.js';

export type InvoiceEvent =
  | { kind: 'create'; status: InvoiceStatus }
  | { kind: 'update' }
  | { kind: 'delete' }
  | { kind: 'recover' }
  | { kind: 'status'; status: InvoiceStatus };

export interface StockDecision {
  /** lines: hold the (new) lines' consumption; none: hold nothing; keep: leave stock as it is. */
  hold: 'lines' | 'none' | 'keep';
  consuming: boolean;
  restoredByDelete: boolean;
}

/**
 * Whether an invoice event moves stock. Consumption happens only with consumption_module INVOICE, starting at
 * create or at the configured trigger status; edit, delete, cancel and recover each follow their own switch
 * (all UNCONFIRMED in the real product).
 */
export function decideStock(
  event: InvoiceEvent,
  state: Pick<InvoiceStockState, 'consuming' | 'restoredByDelete'>,
  module: CompanySettings['consumption_module'],
  rules: ZuperEmulatorSettings['consumption'],
): StockDecision {
  const keep: StockDecision = { hold: 'keep', ...state };
  const starts = (status: InvoiceStatus) =>
    module === 'INVOICE' && status !== 'CANCELED' && (rules.trigger === 'CREATE' || rules.trigger === status);
  switch (event.kind) {
    case 'create':
      return starts(event.status)
        ? { hold: 'lines', consuming: true, restoredByDelete: false }
        : { hold: 'none', consuming: false, restoredByDelete: false };
    case 'update':
      return state.consuming && rules.editAppliesDifference ? { ...keep, hold: 'lines' } : keep;
    case 'delete':
      return state.consuming && rules.deleteRestores
        ? { hold: 'none', consuming: false, restoredByDelete: true }
        : keep;
    case 'recover':
      return state.restoredByDelete && rules.recoverConsumesAgain
        ? { hold: 'lines', consuming: true, restoredByDelete: false }
        : { ...keep, restoredByDelete: false };
    case 'status':
      if (event.status === 'CANCELED') {
        return state.consuming && rules.cancelRestores ? { ...keep, hold: 'none', consuming: false } : keep;
      }
      return !state.consuming && rules.trigger === event.status && starts(event.status)
        ? { ...keep, hold: 'lines', consuming: true }
        : keep;
  }
}
