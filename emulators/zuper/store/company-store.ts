import type { CompanySettings } from '../company-settings.js';
import type {
  CategoryRecord,
  InvoiceRecord,
  LocationRecord,
  ProductRecord,
  TransactionRecord,
  UserRef,
  WebhookRecord,
} from './types.js';

export interface CompanyIdentity {
  company_uid: string;
  company_name: string;
  api_key: string;
  read_only_api_key: string;
  user: UserRef;
}

/**
 * Everything one Zuper company (login name) owns. Maps keep insertion order, which is creation order, so
 * lists need no sort for the default `created_at` order.
 */
export class CompanyStore {
  settings: CompanySettings;
  readonly locations = new Map<string, LocationRecord>();
  readonly categories = new Map<string, CategoryRecord>();
  readonly products = new Map<string, ProductRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  readonly transactionsByProduct = new Map<string, TransactionRecord[]>();
  readonly invoices = new Map<string, InvoiceRecord>();
  readonly webhooks = new Map<string, WebhookRecord>();
  private sequence = 0;
  private lastProductNo = 0;
  private lastInvoiceNo = 0;

  constructor(
    readonly identity: CompanyIdentity,
    settings: CompanySettings,
  ) {
    this.settings = settings;
  }

  get user(): UserRef {
    return this.identity.user;
  }

  nextSeq(): number {
    return ++this.sequence;
  }

  nextProductNo(): number {
    return ++this.lastProductNo;
  }

  nextInvoiceNo(): number {
    return ++this.lastInvoiceNo;
  }

  addTransaction(tx: TransactionRecord): void {
    this.transactions.set(tx.transaction_uid, tx);
    const list = this.transactionsByProduct.get(tx.product_uid);
    if (list) list.push(tx);
    else this.transactionsByProduct.set(tx.product_uid, [tx]);
  }

  /** Every field but the per-product index (rebuilt on restore), for the state file. */
  snapshot(): Record<string, unknown> {
    const { transactionsByProduct: _index, ...fields } = this;
    return fields;
  }

  /** Takes back what `snapshot()` saved (identity and settings come with the company's creation). */
  restore(fields: Record<string, unknown>): void {
    const { identity: _identity, settings: _settings, transactions, ...rest } = fields;
    Object.assign(this, rest);
    if (!(transactions instanceof Map)) throw new Error('The Zuper emulator state file has no transactions');
    for (const tx of (transactions as Map<string, TransactionRecord>).values()) this.addTransaction(tx);
  }

  /** A location that exists and is not deleted. */
  activeLocation(uid: string): LocationRecord | undefined {
    const location = this.locations.get(uid);
    return location && !location.is_deleted ? location : undefined;
  }

  activeCategory(uid: string): CategoryRecord | undefined {
    const category = this.categories.get(uid);
    return category && !category.is_deleted ? category : undefined;
  }
}
