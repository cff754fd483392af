import { z } from 'zod';
import { decimal, flag, idString, reference } from './input-fields.js';

/** Every Item property QBO accepts. Anything else is rejected with 2010. Read-only ones are accepted and ignored. */
export const itemInputSchema = z
  .object({
    Id: idString.optional(),
    SyncToken: idString.optional(),
    sparse: flag.optional(),
    domain: z.string().optional(),
    Name: z.string().optional(),
    Sku: z.string().nullable().optional(),
    Description: z.string().nullable().optional(),
    PurchaseDesc: z.string().nullable().optional(),
    Type: z.string().optional(),
    Active: flag.optional(),
    TrackQtyOnHand: flag.optional(),
    QtyOnHand: decimal.nullable().optional(),
    InvStartDate: z.string().nullable().optional(),
    ReorderPoint: decimal.nullable().optional(),
    UnitPrice: decimal.nullable().optional(),
    PurchaseCost: decimal.nullable().optional(),
    IncomeAccountRef: reference.nullable().optional(),
    ExpenseAccountRef: reference.nullable().optional(),
    AssetAccountRef: reference.nullable().optional(),
    SubItem: flag.optional(),
    ParentRef: reference.nullable().optional(),
    Level: z.number().optional(),
    FullyQualifiedName: z.string().optional(),
    Taxable: flag.optional(),
    SalesTaxIncluded: flag.optional(),
    PurchaseTaxIncluded: flag.optional(),
    SalesTaxCodeRef: reference.nullable().optional(),
    PurchaseTaxCodeRef: reference.nullable().optional(),
    PrefVendorRef: reference.nullable().optional(),
    ClassRef: reference.nullable().optional(),
    TaxClassificationRef: reference.nullable().optional(),
    Source: z.string().nullable().optional(),
    ItemCategoryType: z.string().nullable().optional(),
    MetaData: z.unknown().optional(),
    AvgCost: z.unknown().optional(),
    QtyOnPurchaseOrder: z.unknown().optional(),
    QtyOnSalesOrder: z.unknown().optional(),
  })
  .strict();
export type ItemInput = z.infer<typeof itemInputSchema>;

/** Types that can be created through the API. */
export const creatableItemTypes = ['Inventory', 'NonInventory', 'Service', 'Category'] as const;
export type ItemType = (typeof creatableItemTypes)[number];

/** Other `ItemTypeEnum` values: valid enumerations that the API refuses to create. */
export const nonCreatableItemTypes = [
  'Group',
  'Assembly',
  'Fixed Asset',
  'Other Charge',
  'Payment',
  'Subtotal',
  'Discount',
  'Tax',
  'Tax Group',
  'Bundle',
];

/** Writable fields a full update resets when they are left out (`undefined` = removed). */
export const fullUpdateResets: Record<string, unknown> = {
  Sku: undefined,
  Description: undefined,
  PurchaseDesc: undefined,
  Active: true,
  Taxable: false,
  SalesTaxIncluded: undefined,
  PurchaseTaxIncluded: undefined,
  UnitPrice: 0,
  PurchaseCost: 0,
  ReorderPoint: undefined,
  IncomeAccountRef: undefined,
  ExpenseAccountRef: undefined,
  AssetAccountRef: undefined,
  SubItem: undefined,
  ParentRef: undefined,
  SalesTaxCodeRef: undefined,
  PurchaseTaxCodeRef: undefined,
  PrefVendorRef: undefined,
  ClassRef: undefined,
  TaxClassificationRef: undefined,
  Source: undefined,
  ItemCategoryType: undefined,
};
