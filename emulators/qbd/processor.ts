import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorClock } from '../common/clock.js';
import {
  QbdStatus,
  statusMessages,
  type Item,
  type ItemType,
  type NamedRecord,
  type QbdCompany,
  type TxnRecord,
} from './company.js';
import {
  childNamed,
  element,
  parseXmlDocument,
  QbxmlParseError,
  qbxmlVersion,
  renderQbxmlDocument,
  type XmlNode,
} from './qbxml.js';
import {
  isRequestName,
  parseRequest,
  type ItemQueryBody,
  type ListRef,
  type RequestAttributes,
  type RequestBody,
  type RequestName,
  type TxnQueryBody,
} from './requests.js';
import { parseDateTime, RetWriter } from './responses.js';

/** HRESULTs QBXMLRP2 raises instead of answering; QBWC passes them to receiveResponseXML. */
export const hresults = {
  parseError: {
    hresult: '0x80040400',
    message: 'QuickBooks found an error when parsing the provided XML text stream.',
  },
  cannotAccess: { hresult: '0x80040401', message: 'Could not access QuickBooks.' },
  couldNotStart: { hresult: '0x80040408', message: 'Could not start QuickBooks.' },
} as const;

// rollbackOnError is in the schema but QuickBooks Desktop does not honour it; responseData is not modelled.
const messageSetAttributes = z.strictObject({
  onError: z.enum(['stopOnError', 'continueOnError']),
  newMessageSetID: z.string().optional(),
  oldMessageSetID: z.string().optional(),
});

export type ProcessResult =
  { kind: 'response'; xml: string } | { kind: 'hresult'; hresult: string; message: string; detail: string };

/**
 * The statuses QuickBooks answers a write with when another user holds the record or the list (3170-3180), with the
 * texts public integrations quote for them; sending the same request again later succeeds.
 */
export const recordInUseStatuses = {
  3170: 'The internals could not be locked. They are in use by another user.',
  3175: 'The transaction could not be locked. It is in use by another user.',
  3176: 'There was an error when modifying a list element because it is already in use. QuickBooks error message: The list element is in use.',
  3180: 'There was an error when saving a Items list. QuickBooks error message: This list has been modified by another user.',
} as const;
export type RecordInUseCode = keyof typeof recordInUseStatuses;

interface OpenIterator {
  requestName: RequestName;
  remaining: XmlNode[];
  maxReturned: number;
  expiresAtNominalMs: number;
}

/** One open QuickBooks connection (a Web Connector session): iterators live and die with it. */
export class QbdConnection {
  readonly iterators = new Map<string, OpenIterator>();
  close(): void {
    this.iterators.clear();
  }
}

const writeRequests = new Set<RequestName>([
  'ItemInventoryAddRq',
  'ItemInventoryModRq',
  'ItemNonInventoryAddRq',
  'ItemServiceAddRq',
  'ItemNonInventoryModRq',
  'ItemServiceModRq',
  'InventoryAdjustmentAddRq',
  'InvoiceAddRq',
  'SalesReceiptAddRq',
]);

const itemModRequests = new Set<RequestName>(['ItemInventoryModRq', 'ItemNonInventoryModRq', 'ItemServiceModRq']);

/** The ListID an item Mod names. */
function modifiedListId(body: RequestBody<RequestName>): string {
  const mod =
    'ItemInventoryMod' in body
      ? body.ItemInventoryMod
      : 'ItemNonInventoryMod' in body
        ? body.ItemNonInventoryMod
        : (body as RequestBody<'ItemServiceModRq'>).ItemServiceMod;
  return mod.ListID;
}

const itemTypesByQuery: Partial<Record<RequestName, ItemType[]>> = {
  ItemQueryRq: ['ItemInventory', 'ItemNonInventory', 'ItemService'],
  ItemInventoryQueryRq: ['ItemInventory'],
  ItemNonInventoryQueryRq: ['ItemNonInventory'],
  ItemServiceQueryRq: ['ItemService'],
};

interface Status {
  code: number;
  severity: 'Info' | 'Warn' | 'Error';
  message: string;
}
const ok: Status = { code: 0, severity: 'Info', message: 'Status OK' };

interface RequestOutcome {
  status: Status;
  rets: XmlNode[];
  iterator?: { id: string; remaining: number } | undefined;
}

export interface ProcessorOptions {
  /** Nominal time an idle iterator lives before QuickBooks forgets it (3391 afterwards). */
  iteratorIdleMs: number;
  /** Called after each request document QuickBooks ran, before its response leaves (the state file saves here). */
  afterProcess?: () => void;
}

/**
 * QuickBooks' request processor for one company file: checks a qbXML 13.0 request document, runs its requests in
 * order under `onError`, and answers with one `…Rs` per request run, echoing `requestID`.
 */
export class QbdProcessor {
  private readonly rets: RetWriter;
  private readonly injectedStatuses: RecordInUseCode[] = [];
  /** Item Mods still to meet another user's save of their item just before them. */
  private concurrentItemEdits = 0;
  /** Iterator continuations still to find their iterator expired. */
  private iteratorExpiries = 0;
  /** Responses by newMessageSetID, kept with the company file for error recovery (and in its state file). */
  readonly messageSets = new Map<string, string>();

  constructor(
    private readonly company: QbdCompany,
    private readonly clock: EmulatorClock,
    private readonly options: ProcessorOptions,
  ) {
    this.rets = new RetWriter(company);
  }

  /** The next `count` writes fail with `code` before they are applied, as when another user holds the record. */
  injectRecordInUse(code: RecordInUseCode, count: number): void {
    for (let i = 0; i < count; i++) this.injectedStatuses.push(code);
  }

  /**
   * Another QuickBooks user saves the item of each of the next `count` item Mods just before it runs: the item's
   * EditSequence moves on, so a Mod carrying the one read before answers 3200.
   */
  injectConcurrentItemEdits(count: number): void {
    this.concurrentItemEdits += count;
  }

  /** The next `count` iterators continued find they expired meanwhile (3391), as after a long pause between pages. */
  injectIteratorExpiry(count: number): void {
    this.iteratorExpiries += count;
  }

  /** Forgets the injected statuses, concurrent edits and iterator expiries not met yet. */
  clearInjected(): void {
    this.injectedStatuses.length = 0;
    this.concurrentItemEdits = 0;
    this.iteratorExpiries = 0;
  }

  process(connection: QbdConnection, requestXml: string): ProcessResult {
    let document: ReturnType<QbdProcessor['parseDocument']>;
    try {
      document = this.parseDocument(requestXml);
    } catch (error) {
      if (!(error instanceof QbxmlParseError)) throw error;
      return { kind: 'hresult', ...hresults.parseError, detail: error.message };
    }
    const { requests, onError, oldMessageSetID, newMessageSetID } = document;
    // Error recovery: a message set QuickBooks already answered is answered again, not run twice.
    const recovered = oldMessageSetID === undefined ? undefined : this.messageSets.get(oldMessageSetID);
    if (recovered !== undefined) return { kind: 'response', xml: recovered };
    const responses: XmlNode[] = [];
    for (const { node, parsed } of requests) {
      const outcome = this.run(connection, node.name, parsed.body, parsed.attributes);
      responses.push(this.responseElement(node.name, parsed.attributes, outcome));
      if (onError === 'stopOnError' && outcome.status.severity !== 'Info') break;
    }
    const attributes: Record<string, string> = newMessageSetID === undefined ? {} : { newMessageSetID };
    const xml = renderQbxmlDocument(element('QBXML', [element('QBXMLMsgsRs', responses, attributes)]));
    if (newMessageSetID !== undefined) {
      this.messageSets.set(newMessageSetID, xml);
      this.company.markChanged();
    }
    this.options.afterProcess?.();
    return { kind: 'response', xml };
  }

  private parseDocument(xml: string) {
    const nodes = parseXmlDocument(xml);
    const instruction = nodes.find((n) => n.name === '?qbxml');
    if (instruction?.attributes.version !== qbxmlVersion)
      throw new QbxmlParseError(`the document must declare <?qbxml version="${qbxmlVersion}"?>`);
    const roots = nodes.filter((n) => !n.name.startsWith('?'));
    const root = roots[0];
    if (roots.length !== 1 || root?.name !== 'QBXML') throw new QbxmlParseError('the root element must be QBXML');
    const messages = childNamed(root, 'QBXMLMsgsRq');
    if (!messages || root.children.length !== 1)
      throw new QbxmlParseError('QBXML must hold exactly one QBXMLMsgsRq (sign-on messages are not modelled)');
    const attributes = messageSetAttributes.safeParse(messages.attributes);
    if (!attributes.success)
      throw new QbxmlParseError(`QBXMLMsgsRq attributes ${JSON.stringify(messages.attributes)} are not accepted`);
    const requests = messages.children.map((node) => {
      if (!isRequestName(node.name)) throw new QbxmlParseError(`${node.name} is not a request the emulator models`);
      const named = node as XmlNode & { name: RequestName };
      return { node: named, parsed: parseRequest(named) };
    });
    return { requests, ...attributes.data };
  }

  private responseElement(name: RequestName, attributes: RequestAttributes, outcome: RequestOutcome): XmlNode {
    const statusAttributes: Record<string, string> = {
      ...(attributes.requestID !== undefined ? { requestID: attributes.requestID } : {}),
      statusCode: String(outcome.status.code),
      statusSeverity: outcome.status.severity,
      statusMessage: outcome.status.message,
      ...(outcome.iterator
        ? { iteratorRemainingCount: String(outcome.iterator.remaining), iteratorID: outcome.iterator.id }
        : {}),
    };
    return element(name.replace(/Rq$/, 'Rs'), outcome.rets, statusAttributes);
  }

  private run(
    connection: QbdConnection,
    name: RequestName,
    body: RequestBody<RequestName>,
    attributes: RequestAttributes,
  ): RequestOutcome {
    const included = 'IncludeRetElement' in body ? body.IncludeRetElement : undefined;
    // IncludeRetElement narrows each Ret to the named elements.
    const select = (rets: XmlNode[]) =>
      included
        ? rets.map((ret) => ({ ...ret, children: ret.children.filter((c) => included.includes(c.name)) }))
        : rets;
    try {
      if (writeRequests.has(name)) {
        const injected = this.injectedStatuses.shift();
        if (injected !== undefined)
          return { status: { code: injected, severity: 'Error', message: recordInUseStatuses[injected] }, rets: [] };
        if (itemModRequests.has(name) && this.concurrentItemEdits > 0) {
          this.concurrentItemEdits -= 1;
          this.company.saveItemUnchanged(modifiedListId(body));
        }
        return { status: ok, rets: select([this.write(name, body)]) };
      }
      if (attributes.iterator === 'Continue' || attributes.iterator === 'Stop')
        return this.continueIterator(connection, name, attributes);
      const { rets, missing } = this.query(name, body);
      return this.answerQuery(connection, name, select(rets), missing, body, attributes);
    } catch (error) {
      if (error instanceof QbdStatus)
        return { status: { code: error.code, severity: error.severity, message: error.message }, rets: [] };
      throw error;
    }
  }

  private answerQuery(
    connection: QbdConnection,
    name: RequestName,
    rets: XmlNode[],
    missing: string | undefined,
    body: RequestBody<RequestName>,
    attributes: RequestAttributes,
  ): RequestOutcome {
    const maxReturned = 'MaxReturned' in body ? body.MaxReturned : undefined;
    const page = maxReturned === undefined ? rets : rets.slice(0, maxReturned);
    const status: Status =
      missing !== undefined
        ? { code: 500, severity: 'Warn', message: statusMessages.requiredElementMissing(missing) }
        : rets.length === 0
          ? { code: 1, severity: 'Info', message: statusMessages.noMatch }
          : ok;
    if (attributes.iterator !== 'Start') return { status, rets: page };
    const id = `{${randomUUID().toUpperCase()}}`;
    const remaining = rets.slice(page.length);
    if (remaining.length > 0)
      connection.iterators.set(id, {
        requestName: name,
        remaining,
        maxReturned: maxReturned ?? remaining.length,
        expiresAtNominalMs: this.clock.nominalElapsedMs() + this.options.iteratorIdleMs,
      });
    return { status, rets: page, iterator: { id, remaining: remaining.length } };
  }

  private continueIterator(
    connection: QbdConnection,
    name: RequestName,
    attributes: RequestAttributes,
  ): RequestOutcome {
    const id = attributes.iteratorID ?? '';
    const open = connection.iterators.get(id);
    const expiredByFault = open !== undefined && attributes.iterator === 'Continue' && this.iteratorExpiries > 0;
    if (expiredByFault) this.iteratorExpiries -= 1;
    if (
      !open ||
      expiredByFault ||
      open.requestName !== name ||
      open.expiresAtNominalMs < this.clock.nominalElapsedMs()
    ) {
      connection.iterators.delete(id);
      throw new QbdStatus(3391, 'Error', `The iteratorID "${id}" is not valid.`);
    }
    if (attributes.iterator === 'Stop') {
      connection.iterators.delete(id);
      return { status: ok, rets: [], iterator: { id, remaining: 0 } };
    }
    const page = open.remaining.splice(0, open.maxReturned);
    open.expiresAtNominalMs = this.clock.nominalElapsedMs() + this.options.iteratorIdleMs;
    if (open.remaining.length === 0) connection.iterators.delete(id);
    return { status: ok, rets: page, iterator: { id, remaining: open.remaining.length } };
  }

  private resolveItem(reference: ListRef, kind: string): Item {
    const item =
      reference.ListID !== undefined
        ? this.company.items.get(reference.ListID)
        : this.company.itemByFullName(reference.FullName ?? '');
    if (!item)
      throw new QbdStatus(
        3140,
        'Error',
        statusMessages.invalidReference(kind, reference.ListID ?? reference.FullName ?? ''),
      );
    return item;
  }

  private resolveNamed(
    list: Map<string, NamedRecord>,
    reference: ListRef | undefined,
    kind: string,
  ): string | undefined {
    if (!reference) return undefined;
    const found = this.company.findNamed(list, {
      ...(reference.ListID !== undefined ? { listId: reference.ListID } : {}),
      ...(reference.FullName !== undefined ? { fullName: reference.FullName } : {}),
    });
    if (!found)
      throw new QbdStatus(
        3140,
        'Error',
        statusMessages.invalidReference(kind, reference.ListID ?? reference.FullName ?? ''),
      );
    return found.listId;
  }

  private resolveSite(reference: ListRef | undefined): string | undefined {
    if (!reference) return undefined;
    if (!this.company.inventorySites) throw new QbdStatus(3250, 'Error', statusMessages.featureNotEnabled);
    const site = [...this.company.sites.values()].find(
      (s) => s.listId === reference.ListID || s.name.toLowerCase() === reference.FullName?.toLowerCase(),
    );
    if (!site)
      throw new QbdStatus(
        3140,
        'Error',
        statusMessages.invalidReference('InventorySite', reference.ListID ?? reference.FullName ?? ''),
      );
    return site.listId;
  }

  private write(name: RequestName, body: RequestBody<RequestName>): XmlNode {
    if (name === 'ItemInventoryAddRq') {
      const add = (body as RequestBody<'ItemInventoryAddRq'>).ItemInventoryAdd;
      for (const [account, kind] of [
        [add.IncomeAccountRef, 'Account'],
        [add.COGSAccountRef, 'Account'],
        [add.AssetAccountRef, 'Account'],
      ] as const)
        this.resolveNamed(this.company.accounts, account, kind);
      return this.rets.item(
        this.company.addItem({
          type: 'ItemInventory',
          name: add.Name,
          parentListId: add.ParentRef ? this.resolveItem(add.ParentRef, 'Item').listId : undefined,
          isActive: add.IsActive,
          salesDesc: add.SalesDesc,
          salesPrice: add.SalesPrice,
          purchaseCost: add.PurchaseCost,
          quantityOnHand: add.QuantityOnHand,
        }),
      );
    }
    if (name === 'ItemInventoryModRq') {
      const mod = (body as RequestBody<'ItemInventoryModRq'>).ItemInventoryMod;
      const existing = this.company.items.get(mod.ListID);
      if (!existing || existing.type !== 'ItemInventory')
        throw new QbdStatus(3120, 'Error', statusMessages.objectNotFound(mod.ListID));
      return this.rets.item(
        this.company.modifyItem(mod.ListID, mod.EditSequence, {
          name: mod.Name,
          ...(mod.ParentRef ? { parentListId: this.resolveItem(mod.ParentRef, 'Item').listId } : {}),
          isActive: mod.IsActive,
          salesDesc: mod.SalesDesc,
          salesPrice: mod.SalesPrice,
          purchaseCost: mod.PurchaseCost,
        }),
      );
    }
    if (name === 'ItemNonInventoryAddRq' || name === 'ItemServiceAddRq') {
      const type = name === 'ItemServiceAddRq' ? 'ItemService' : 'ItemNonInventory';
      const add =
        name === 'ItemServiceAddRq'
          ? (body as RequestBody<'ItemServiceAddRq'>).ItemServiceAdd
          : (body as RequestBody<'ItemNonInventoryAddRq'>).ItemNonInventoryAdd;
      const sale = add.SalesOrPurchase;
      return this.rets.item(
        this.company.addItem({
          type,
          name: add.Name,
          parentListId: add.ParentRef ? this.resolveItem(add.ParentRef, 'Item').listId : undefined,
          isActive: add.IsActive,
          salesDesc: sale.Desc,
          salesPrice: sale.Price,
          accountListId: this.resolveNamed(this.company.accounts, sale.AccountRef, 'Account'),
        }),
      );
    }
    if (name === 'ItemNonInventoryModRq' || name === 'ItemServiceModRq') {
      const type = name === 'ItemServiceModRq' ? 'ItemService' : 'ItemNonInventory';
      const mod =
        name === 'ItemServiceModRq'
          ? (body as RequestBody<'ItemServiceModRq'>).ItemServiceMod
          : (body as RequestBody<'ItemNonInventoryModRq'>).ItemNonInventoryMod;
      const existing = this.company.items.get(mod.ListID);
      if (!existing || existing.type !== type)
        throw new QbdStatus(3120, 'Error', statusMessages.objectNotFound(mod.ListID));
      const sale = mod.SalesOrPurchaseMod;
      return this.rets.item(
        this.company.modifyItem(mod.ListID, mod.EditSequence, {
          name: mod.Name,
          ...(mod.ParentRef ? { parentListId: this.resolveItem(mod.ParentRef, 'Item').listId } : {}),
          isActive: mod.IsActive,
          salesDesc: sale?.Desc,
          salesPrice: sale?.Price,
          accountListId: this.resolveNamed(this.company.accounts, sale?.AccountRef, 'Account'),
        }),
      );
    }
    if (name === 'InvoiceAddRq' || name === 'SalesReceiptAddRq') {
      const sale =
        name === 'InvoiceAddRq'
          ? { ...(body as RequestBody<'InvoiceAddRq'>).InvoiceAdd, type: 'Invoice' as const }
          : { ...(body as RequestBody<'SalesReceiptAddRq'>).SalesReceiptAdd, type: 'SalesReceipt' as const };
      const lines = 'InvoiceLineAdd' in sale ? sale.InvoiceLineAdd : sale.SalesReceiptLineAdd;
      return this.rets.sale(
        this.company.addSale({
          type: sale.type,
          customerListId: this.resolveNamed(this.company.customers, sale.CustomerRef, 'Customer'),
          txnDate:
            sale.TxnDate === undefined ? undefined : parseDateTime(sale.TxnDate, this.company.utcOffsetMinutes, 'from'),
          refNumber: sale.RefNumber,
          memo: sale.Memo,
          lines: lines.map((line) => ({
            itemListId: this.resolveItem(line.ItemRef, 'Item').listId,
            quantity: line.Quantity ?? 0,
            rate: line.Rate,
            siteListId: this.resolveSite(line.InventorySiteRef),
          })),
        }),
        true,
      );
    }
    const add = (body as RequestBody<'InventoryAdjustmentAddRq'>).InventoryAdjustmentAdd;
    const siteListId = this.resolveSite(add.InventorySiteRef);
    const lines = add.InventoryAdjustmentLineAdd.map((line) => {
      const item = this.resolveItem(line.ItemRef, 'Item');
      const adjustment = line.QuantityAdjustment;
      const current = siteListId === undefined ? item.quantityOnHand : (item.siteQuantities.get(siteListId) ?? 0);
      const quantityDifference =
        'QuantityDifference' in adjustment ? adjustment.QuantityDifference : adjustment.NewQuantity - current;
      return { itemListId: item.listId, quantityDifference };
    });
    const adjustment = this.company.addInventoryAdjustment({
      accountListId: this.resolveNamed(this.company.accounts, add.AccountRef, 'Account') ?? '',
      siteListId,
      customerListId: this.resolveNamed(this.company.customers, add.CustomerRef, 'Customer'),
      txnDate:
        add.TxnDate === undefined ? undefined : parseDateTime(add.TxnDate, this.company.utcOffsetMinutes, 'from'),
      refNumber: add.RefNumber,
      memo: add.Memo,
      lines,
    });
    return this.rets.adjustment(adjustment, true);
  }

  /** Runs a query: its Ret elements in QuickBooks order, and the first ListID/FullName/TxnID asked for but absent. */
  private query(name: RequestName, body: RequestBody<RequestName>): { rets: XmlNode[]; missing: string | undefined } {
    const offset = this.company.utcOffsetMinutes;
    const inRange = (at: Date, from: string | undefined, to: string | undefined) =>
      (from === undefined || at >= parseDateTime(from, offset, 'from')) &&
      (to === undefined || at <= parseDateTime(to, offset, 'to'));
    const itemTypes = itemTypesByQuery[name];
    if (itemTypes) return this.queryItems(itemTypes, body, inRange);
    if (name === 'ItemSitesQueryRq') return this.queryItemSites(body);
    if (name === 'AccountQueryRq') {
      const query = body as RequestBody<'AccountQueryRq'>;
      const byId = query.ListID ?? query.FullName;
      const find = (value: string) =>
        this.company.findNamed(this.company.accounts, query.ListID ? { listId: value } : { fullName: value });
      // Lookups answer in the order asked; without one, every account in full-name order.
      const accounts = byId
        ? byId.flatMap((value) => find(value) ?? [])
        : [...this.company.accounts.values()].sort((a, b) => a.fullName.localeCompare(b.fullName));
      return { rets: accounts.map((account) => this.rets.account(account)), missing: byId?.find((v) => !find(v)) };
    }
    if (name === 'InventorySiteQueryRq') {
      if (!this.company.inventorySites) throw new QbdStatus(3250, 'Error', statusMessages.featureNotEnabled);
      const query = body as RequestBody<'InventorySiteQueryRq'>;
      const byId = query.ListID ?? query.FullName;
      const sites = [...this.company.sites.values()]
        .filter((site) =>
          byId
            ? byId.some((v) => v === site.listId || v.toLowerCase() === site.name.toLowerCase())
            : activeMatches(site.isActive, query.ActiveStatus) &&
              inRange(site.timeModified, query.FromModifiedDate, query.ToModifiedDate),
        )
        .sort((a, b) => a.name.localeCompare(b.name));
      const missing = byId?.find((v) => !sites.some((s) => v === s.listId || v.toLowerCase() === s.name.toLowerCase()));
      return { rets: sites.map((site) => this.rets.site(site)), missing };
    }
    if (name === 'ListDeletedQueryRq' || name === 'TxnDeletedQueryRq') {
      const query = body as RequestBody<'ListDeletedQueryRq'> | RequestBody<'TxnDeletedQueryRq'>;
      const range = query.DeletedDateRangeFilter;
      const wanted = new Set<string>('ListDelType' in query ? query.ListDelType : query.TxnDelType);
      const rets =
        'ListDelType' in query
          ? this.company.deletedLists
              .filter(
                (r) =>
                  wanted.has(r.listDelType) && inRange(r.timeDeleted, range?.FromDeletedDate, range?.ToDeletedDate),
              )
              .map((r) => this.rets.deletedList(r))
          : this.company.deletedTxns
              .filter(
                (r) => wanted.has(r.txnDelType) && inRange(r.timeDeleted, range?.FromDeletedDate, range?.ToDeletedDate),
              )
              .map((r) => this.rets.deletedTxn(r));
      return { rets, missing: undefined };
    }
    const query = body as TxnQueryBody;
    const includeLines = query.IncludeLineItems ?? false;
    const candidates: (TxnRecord & { render: () => XmlNode })[] =
      name === 'InventoryAdjustmentQueryRq'
        ? [...this.company.adjustments.values()].map((a) => ({
            ...a,
            render: () => this.rets.adjustment(a, includeLines),
          }))
        : [...this.company.salesTxns.values()]
            .filter((s) => `${s.type}QueryRq` === name)
            .map((s) => ({ ...s, render: () => this.rets.sale(s, includeLines) }));
    return this.queryTxns(candidates, query, inRange);
  }

  private queryItemSites(query: RequestBody<'ItemSitesQueryRq'>): { rets: XmlNode[]; missing: string | undefined } {
    if (!this.company.inventorySites) throw new QbdStatus(3250, 'Error', statusMessages.featureNotEnabled);
    const matches = (filter: { ListID?: string[]; FullName?: string[] } | undefined, listId: string, name: string) =>
      !filter ||
      (filter.ListID?.includes(listId) ?? false) ||
      (filter.FullName?.some((n) => n.toLowerCase() === name.toLowerCase()) ?? false);
    const records = [...this.company.itemSites.values()].filter((record) => {
      const item = this.company.items.get(record.itemListId);
      const site = this.company.sites.get(record.siteListId);
      if (!item || !site) return false;
      if (query.ListID) return query.ListID.includes(record.listId);
      const filter = query.ItemSiteFilter;
      return (
        activeMatches(item.isActive && site.isActive, query.ActiveStatus) &&
        matches(filter?.ItemFilter, item.listId, this.company.fullName(item)) &&
        matches(filter?.SiteFilter, site.listId, site.name)
      );
    });
    const missing = query.ListID?.find((id) => !records.some((r) => r.listId === id));
    return { rets: records.map((record) => this.rets.itemSite(record)), missing };
  }

  private queryItems(
    itemTypes: ItemType[],
    query: ItemQueryBody,
    inRange: (at: Date, from: string | undefined, to: string | undefined) => boolean,
  ): { rets: XmlNode[]; missing: string | undefined } {
    const byId = query.ListID ?? query.FullName;
    const candidates = [...this.company.items.values()].filter((item) => itemTypes.includes(item.type));
    if (byId) {
      // Lookups answer in the order asked and ignore ActiveStatus.
      const found = byId.map((value) =>
        query.ListID ? this.company.items.get(value) : this.company.itemByFullName(value),
      );
      const missing = byId.find((_value, index) => !found[index] || !itemTypes.includes(found[index].type));
      const items = found.filter((item): item is Item => item !== undefined && itemTypes.includes(item.type));
      return { rets: items.map((item) => this.rets.item(item)), missing };
    }
    const nameFilter = query.NameFilter;
    const items = candidates
      .filter(
        (item) =>
          activeMatches(item.isActive, query.ActiveStatus) &&
          inRange(item.timeModified, query.FromModifiedDate, query.ToModifiedDate) &&
          (!nameFilter || nameMatches(this.company.fullName(item), nameFilter.MatchCriterion, nameFilter.Name)),
      )
      .sort((a, b) => this.company.fullName(a).localeCompare(this.company.fullName(b)));
    return { rets: items.map((item) => this.rets.item(item)), missing: undefined };
  }

  private queryTxns(
    candidates: (TxnRecord & { render: () => XmlNode })[],
    query: TxnQueryBody,
    inRange: (at: Date, from: string | undefined, to: string | undefined) => boolean,
  ): { rets: XmlNode[]; missing: string | undefined } {
    const ids = query.TxnID;
    const refNumbers = query.RefNumber;
    const caseSensitive = query.RefNumberCaseSensitive;
    const modified = query.ModifiedDateRangeFilter;
    const txnDates = query.TxnDateRangeFilter;
    const matches = candidates
      .filter((txn) => {
        if (ids) return ids.includes(txn.txnId);
        if (refNumbers) return refNumbers.some((r) => r.toLowerCase() === txn.refNumber?.toLowerCase());
        if (caseSensitive) return caseSensitive.includes(txn.refNumber ?? '');
        return (
          inRange(txn.timeModified, modified?.FromModifiedDate, modified?.ToModifiedDate) &&
          inRange(txn.txnDate, txnDates?.FromTxnDate, txnDates?.ToTxnDate)
        );
      })
      .sort((a, b) => a.timeCreated.getTime() - b.timeCreated.getTime() || a.txnNumber - b.txnNumber);
    const missing = ids?.find((id) => !matches.some((txn) => txn.txnId === id));
    return { rets: matches.map((txn) => txn.render()), missing };
  }
}

function activeMatches(isActive: boolean, status: 'ActiveOnly' | 'InactiveOnly' | 'All' | undefined): boolean {
  if (status === 'All') return true;
  return status === 'InactiveOnly' ? !isActive : isActive;
}

function nameMatches(fullName: string, criterion: 'StartsWith' | 'Contains' | 'EndsWith', wanted: string): boolean {
  const name = fullName.toLowerCase();
  const value = wanted.toLowerCase();
  if (criterion === 'StartsWith') return name.startsWith(value);
  return criterion === 'EndsWith' ? name.endsWith(value) : name.includes(value);
}
