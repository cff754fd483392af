import { z } from 'zod';
import type { ZuperEmulatorAdmin } from '../emulators/zuper/index.js';
import { effectOf, otherQty, pick, randomQty } from './effects.js';
import type { InvoiceEvent } from '../emulators/zuper/invoices/consumption-rules.js';
import { applyInvoiceEvent, type ConsumptionRules, type InvoiceLine, type TrackedInvoice } from './invoice-stock.js';
import type { UserMovement } from './qbo-user.js';
import type { ZuperUserApi } from './zuper-user-api.js';
import type { DefinitionEdits } from './definitions.js';

export interface ZuperUserOptions {
  api: ZuperUserApi;
  /** Ground truth for "did my cut-off write land?" on a known invoice. */
  admin: ZuperEmulatorAdmin;
  company: string;
  products: readonly { qboItemId: string; productUid: string }[];
  locations: readonly string[];
  rules: ConsumptionRules;
  rng: () => number;
  /** Makes the run's markers unique (remarks, invoice reference numbers). */
  tag: string;
  /** Given when Zuper is the product master: the user changes product definitions too, recorded here. */
  definitions?: DefinitionEdits;
}

/** Share of the user's changes that change a product's definition, when Zuper is the product master. */
const DEFINITION_SHARE = 0.1;

const MAX_QTY = 6;
const UNIT_PRICE = 3;

const invoiceCreated = z.object({ data: z.object({ invoice_uid: z.string() }) });
const invoiceList = z.object({ data: z.array(z.object({ invoice_uid: z.string() })) });
const transactionList = z.object({ data: z.array(z.object({ remarks: z.string() })) });
const anything = z.unknown();

/**
 * A Zuper user: technicians consume parts on invoices (created, edited, deleted, cancelled and recovered as the
 * consumption switches allow) and the warehouse books stock in and out, all through the API with its faults.
 * An invoice is touched by one movement at a time.
 */
export function zuperUser(o: ZuperUserOptions) {
  const invoices: TrackedInvoice[] = [];
  const busy = new Set<TrackedInvoice>();
  let sequence = 0;
  const marker = () => `chaos-${o.tag}-${++sequence}`;
  const randomLines = (): InvoiceLine[] =>
    Array.from({ length: randomQty(o.rng, 3) }, () => ({
      ...pick(o.rng, o.products)!,
      locationUid: pick(o.rng, o.locations)!,
      qty: randomQty(o.rng, MAX_QTY),
    }));
  const lineItems = (lines: InvoiceLine[]) =>
    lines.map((l) => ({
      product_uid: l.productUid,
      location_uid: l.locationUid,
      quantity: l.qty,
      unit_price: UNIT_PRICE,
      total: l.qty * UNIT_PRICE,
    }));
  const current = (invoice: TrackedInvoice) => o.admin.invoice(o.company, invoice.uid);
  const landedIf = (invoice: TrackedInvoice, check: (view: Record<string, unknown>) => boolean) => () =>
    Promise.resolve(check(current(invoice) ?? {}) ? {} : null);

  const createInvoice = async (): Promise<UserMovement> => {
    const reference = marker();
    const lines = randomLines();
    const created = await o.api.write(
      'POST',
      '/invoice',
      {
        invoice: {
          invoice_date: new Date().toISOString().slice(0, 10),
          reference_no: reference,
          line_items: lineItems(lines),
        },
      },
      invoiceCreated,
      async () => {
        const found = await o.api.read(`/invoice?filter.keyword=${reference}&count=5`, invoiceList);
        return found.data[0] ? { data: found.data[0] } : null;
      },
    );
    const invoice: TrackedInvoice = {
      uid: created.data.invoice_uid,
      lines: [],
      canceled: false,
      deleted: false,
      stock: { consuming: false, restoredByDelete: false },
      held: new Map(),
    };
    const effect = applyInvoiceEvent(invoice, { kind: 'create', status: 'DRAFT' }, lines, o.rules);
    invoices.push(invoice);
    return { kind: 'zuper invoice create', effect };
  };

  /** One change to an existing invoice: the request, how to tell it landed, and the event it is for stock. */
  const changeInvoice = async (
    invoice: TrackedInvoice,
    change: {
      name: string;
      request: [method: string, path: string, body: unknown];
      landed: (view: Record<string, unknown>) => boolean;
      event: InvoiceEvent;
      lines?: InvoiceLine[];
    },
  ): Promise<UserMovement> => {
    await o.api.write(...change.request, anything, landedIf(invoice, change.landed));
    const effect = applyInvoiceEvent(invoice, change.event, change.lines ?? invoice.lines, o.rules);
    if (change.event.kind === 'delete') invoice.deleted = true;
    if (change.event.kind === 'recover') invoice.deleted = false;
    if (change.event.kind === 'status') invoice.canceled = true;
    return { kind: `zuper invoice ${change.name}`, effect };
  };

  const editInvoice = (invoice: TrackedInvoice) => {
    const lines = invoice.lines.map((l) => ({ ...l, qty: otherQty(o.rng, MAX_QTY, l.qty) }));
    const wanted = lines.map((l) => l.qty).join(',');
    return changeInvoice(invoice, {
      name: 'update',
      request: ['PUT', `/invoice/${invoice.uid}`, { invoice: { line_items: lineItems(lines) } }],
      landed: (v) => (v.line_items as { quantity: number }[]).map((l) => l.quantity).join(',') === wanted,
      event: { kind: 'update' },
      lines,
    });
  };

  const deleteInvoice = (invoice: TrackedInvoice) =>
    changeInvoice(invoice, {
      name: 'delete',
      request: ['DELETE', `/invoice/${invoice.uid}`, undefined],
      landed: (v) => v.is_deleted === true,
      event: { kind: 'delete' },
    });

  const cancelInvoice = (invoice: TrackedInvoice) =>
    changeInvoice(invoice, {
      name: 'cancel',
      request: ['PUT', `/invoice/${invoice.uid}/status`, { invoice_status: 'CANCELED', invoice_uid: invoice.uid }],
      landed: (v) => v.invoice_status === 'CANCELED',
      event: { kind: 'status', status: 'CANCELED' },
    });

  const recoverInvoice = (invoice: TrackedInvoice) =>
    changeInvoice(invoice, {
      name: 'recover',
      request: ['POST', '/invoice/recover', { entity_uids: [invoice.uid] }],
      landed: (v) => v.is_deleted === false,
      event: { kind: 'recover' },
    });

  const moveStock = async (direction: 'inward' | 'outward'): Promise<UserMovement> => {
    const { qboItemId, productUid } = pick(o.rng, o.products)!;
    const remarks = marker();
    const qty = randomQty(o.rng, MAX_QTY);
    await o.api.write(
      'POST',
      `/product/${productUid}/${direction}`,
      { transaction: { product_uid: productUid, location_uid: pick(o.rng, o.locations)!, quantity: qty, remarks } },
      anything,
      async () => {
        const recent = await o.api.read(`/product/transaction?product_uid=${productUid}&count=200`, transactionList);
        return recent.data.some((t) => t.remarks === remarks) ? {} : null;
      },
    );
    return { kind: `zuper ${direction}`, effect: effectOf([{ qboItemId, qty }], direction === 'inward' ? 1 : -1) };
  };

  /** Renames a product and changes its description and price; the sync copies them to the accounting item. */
  const define = async (edits: DefinitionEdits): Promise<UserMovement> => {
    const index = Math.floor(o.rng() * o.products.length);
    const { qboItemId, productUid } = o.products[index]!;
    const definition = edits.next(index + 1, o.rng);
    const done = await edits.exclusively(qboItemId, async () => {
      await o.api.write(
        'PUT',
        `/product/${productUid}`,
        {
          product: {
            product_name: definition.name,
            product_description: definition.description,
            price: definition.price,
          },
        },
        anything,
        () => Promise.resolve(o.admin.product(o.company, productUid)?.product_name === definition.name ? {} : null),
      );
      edits.confirmed(qboItemId, definition);
      return true;
    });
    return done ? { kind: 'zuper product definition', effect: new Map() } : moveStock('inward');
  };

  /** Runs `fn` on an invoice no other movement is touching. */
  const withInvoice = async (invoice: TrackedInvoice, fn: (i: TrackedInvoice) => Promise<UserMovement>) => {
    busy.add(invoice);
    try {
      return await fn(invoice);
    } finally {
      busy.delete(invoice);
    }
  };

  return {
    async move(): Promise<UserMovement> {
      if (o.definitions && o.rng() < DEFINITION_SHARE) return define(o.definitions);
      const roll = o.rng();
      const idle = invoices.filter((i) => !busy.has(i));
      const open = idle.filter((i) => !i.deleted);
      const edit = pick(o.rng, open);
      const cancel = pick(
        o.rng,
        open.filter((i) => !i.canceled),
      );
      const recover = pick(
        o.rng,
        idle.filter((i) => i.deleted),
      );
      if (roll < 0.3) return createInvoice();
      if (roll < 0.45 && edit) return withInvoice(edit, editInvoice);
      if (roll < 0.55 && edit) return withInvoice(edit, deleteInvoice);
      if (roll < 0.62 && cancel) return withInvoice(cancel, cancelInvoice);
      if (roll < 0.7 && recover) return withInvoice(recover, recoverInvoice);
      return moveStock(roll < 0.85 ? 'inward' : 'outward');
    },
  };
}
