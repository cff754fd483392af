import { RealmStore, metaData, nextSyncToken, type CompanySettings, type Entity } from './store.js';

interface SeedAccount {
  id: string;
  name: string;
  type: string;
  subType: string;
  classification: string;
}

// A new sandbox company's chart of accounts (subset). Ids 79/80/81 match Intuit's Item create sample.
const accounts: SeedAccount[] = [
  { id: '1', name: 'Services', type: 'Income', subType: 'ServiceFeeIncome', classification: 'Revenue' },
  {
    id: '4',
    name: 'Undeposited Funds',
    type: 'Other Current Asset',
    subType: 'UndepositedFunds',
    classification: 'Asset',
  },
  { id: '7', name: 'Advertising', type: 'Expense', subType: 'AdvertisingPromotional', classification: 'Expense' },
  {
    id: '33',
    name: 'Accounts Payable (A/P)',
    type: 'Accounts Payable',
    subType: 'AccountsPayable',
    classification: 'Liability',
  },
  { id: '35', name: 'Checking', type: 'Bank', subType: 'Checking', classification: 'Asset' },
  { id: '41', name: 'Mastercard', type: 'Credit Card', subType: 'CreditCard', classification: 'Liability' },
  {
    id: '79',
    name: 'Sales of Product Income',
    type: 'Income',
    subType: 'SalesOfProductIncome',
    classification: 'Revenue',
  },
  {
    id: '80',
    name: 'Cost of Goods Sold',
    type: 'Cost of Goods Sold',
    subType: 'SuppliesMaterialsCogs',
    classification: 'Expense',
  },
  { id: '81', name: 'Inventory Asset', type: 'Other Current Asset', subType: 'Inventory', classification: 'Asset' },
  {
    id: '84',
    name: 'Accounts Receivable (A/R)',
    type: 'Accounts Receivable',
    subType: 'AccountsReceivable',
    classification: 'Asset',
  },
  {
    id: '86',
    name: 'Inventory Shrinkage',
    type: 'Cost of Goods Sold',
    subType: 'SuppliesMaterialsCogs',
    classification: 'Expense',
  },
  { id: '90', name: 'Purchases', type: 'Expense', subType: 'SuppliesMaterials', classification: 'Expense' },
];

const customers = [
  { id: '1', name: "Amy's Bird Sanctuary" },
  { id: '2', name: "Bill's Windsurf Shop" },
  { id: '3', name: 'Cool Cars' },
];

const vendors = [
  { id: '30', name: 'Books by Bessie' },
  { id: '31', name: 'Brosnahan Insurance Agency' },
  { id: '32', name: 'Norton Lumber and Building Materials' },
];

const usd = { value: 'USD', name: 'United States Dollar' };

export function defaultCompanySettings(): CompanySettings {
  return {
    companyName: 'Sandbox Company_US_1',
    country: 'US',
    itemCategoriesFeature: true,
    inventoryAdjustmentSupported: true,
    trackQuantityOnHand: true,
  };
}

/** A realm as a new QBO sandbox company: CompanyInfo, Preferences, chart of accounts, a few customers and vendors. */
export function seedRealm(realmId: string, company: CompanySettings, now: Date): RealmStore {
  const store = new RealmStore(realmId, company);
  const base = (id: string): Pick<Entity, 'Id' | 'SyncToken' | 'MetaData'> & { domain: string; sparse: boolean } => ({
    domain: 'QBO',
    sparse: false,
    Id: id,
    SyncToken: '0',
    MetaData: metaData(now),
  });
  for (const a of accounts) {
    store.put(
      'Account',
      {
        Name: a.name,
        SubAccount: false,
        FullyQualifiedName: a.name,
        Active: true,
        Classification: a.classification,
        AccountType: a.type,
        AccountSubType: a.subType,
        CurrentBalance: 0,
        CurrentBalanceWithSubAccounts: 0,
        CurrencyRef: usd,
        ...base(a.id),
      },
      now,
    );
  }
  store.reserveIds('Account', 100);
  for (const c of customers) {
    store.put(
      'Customer',
      {
        DisplayName: c.name,
        CompanyName: c.name,
        FullyQualifiedName: c.name,
        PrintOnCheckName: c.name,
        Active: true,
        Taxable: false,
        Job: false,
        BillWithParent: false,
        Balance: 0,
        BalanceWithJobs: 0,
        CurrencyRef: usd,
        PreferredDeliveryMethod: 'Print',
        ...base(c.id),
      },
      now,
    );
  }
  for (const v of vendors) {
    store.put(
      'Vendor',
      {
        DisplayName: v.name,
        CompanyName: v.name,
        PrintOnCheckName: v.name,
        Active: true,
        Vendor1099: false,
        Balance: 0,
        CurrencyRef: usd,
        ...base(v.id),
      },
      now,
    );
  }
  store.reserveIds('Name', 60);
  store.put('CompanyInfo', companyInfo(store, now), now);
  store.put('Preferences', preferences(company, now), now);
  return store;
}

/** CompanyInfo reflecting the company settings (rebuilt when an admin changes them). */
export function companyInfo(store: RealmStore, now: Date): Entity {
  const c = store.company;
  const previous = store.get('CompanyInfo', '1');
  return {
    CompanyName: c.companyName,
    LegalName: c.companyName,
    CompanyAddr: {
      Id: '1',
      Line1: '123 Sierra Way',
      City: 'San Pablo',
      Country: c.country,
      CountrySubDivisionCode: 'CA',
      PostalCode: '87999',
    },
    CustomerCommunicationAddr: {
      Id: '1',
      Line1: '123 Sierra Way',
      City: 'San Pablo',
      CountrySubDivisionCode: 'CA',
      PostalCode: '87999',
    },
    LegalAddr: {
      Id: '1',
      Line1: '123 Sierra Way',
      City: 'San Pablo',
      CountrySubDivisionCode: 'CA',
      PostalCode: '87999',
    },
    PrimaryPhone: {},
    CompanyStartDate: now.toISOString().slice(0, 10),
    FiscalYearStartMonth: 'January',
    Country: c.country,
    Email: { Address: 'noreply@quickbooks.com' },
    WebAddr: {},
    SupportedLanguages: 'en',
    DefaultTimeZone: 'America/Los_Angeles',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IndustryType', Value: 'Landscaping Services' },
      { Name: 'IndustryCode', Value: '0780' },
      { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
      { Name: 'AccountantFeature', Value: 'false' },
      { Name: 'IsQbdtMigrated', Value: 'false' },
      { Name: 'ItemCategoriesFeature', Value: String(c.itemCategoriesFeature) },
      { Name: 'AssignedTime', Value: previous?.MetaData.CreateTime ?? now.toISOString() },
    ],
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: previous ? nextSyncToken(previous.SyncToken) : '0',
    MetaData: metaData(previous ? new Date(Date.parse(previous.MetaData.CreateTime)) : now, now),
  };
}

function preferences(company: CompanySettings, now: Date): Entity {
  return {
    AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, CustomerTerminology: 'Customers' },
    ProductAndServicesPrefs: {
      ForSales: true,
      ForPurchase: true,
      QuantityWithPriceAndRate: true,
      QuantityOnHand: company.trackQuantityOnHand,
      RevenueRecognitionEnabled: false,
    },
    SalesFormsPrefs: {
      CustomTxnNumbers: false,
      AllowDeposit: true,
      AllowDiscount: true,
      AllowShipping: false,
      DefaultTerms: { value: '3' },
    },
    VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true, POCustomField: [] },
    TaxPrefs: { UsingSalesTax: false, PartnerTaxEnabled: false },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '0',
    MetaData: metaData(now),
  };
}

/** Applies the quantity-on-hand preference to the stored Preferences record. */
export function syncPreferences(store: RealmStore, now: Date): void {
  const prefs = store.get('Preferences', '1');
  const products = prefs?.ProductAndServicesPrefs as Record<string, unknown> | undefined;
  if (!prefs || !products || products.QuantityOnHand === store.company.trackQuantityOnHand) return;
  products.QuantityOnHand = store.company.trackQuantityOnHand;
  store.put(
    'Preferences',
    {
      ...prefs,
      SyncToken: nextSyncToken(prefs.SyncToken),
      MetaData: { ...prefs.MetaData, LastUpdatedTime: metaData(now).LastUpdatedTime },
    },
    now,
  );
}
