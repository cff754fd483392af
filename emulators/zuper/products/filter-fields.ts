import type { ProductRecord } from '../store/types.js';

export type FieldType = 'TEXT' | 'NUMBER' | 'DATE' | 'DROPDOWN' | 'LOOKUP';

export interface FilterField {
  type: 'default_field' | 'nested_field';
  displayKey: string;
  displayName: string;
  fieldDataKey: string;
  fieldType: FieldType;
  multiSelect: boolean;
  fieldOptions?: { key: string; value: string }[];
  data?: Record<string, unknown>;
  /** The product value rules compare against; undefined for keys handled outside the rule engine. */
  read?: (p: ProductRecord) => string | number | null;
}

const yesNo = [
  { key: 'true', value: 'Yes' },
  { key: 'false', value: 'No' },
];

/** The product meta filter (`GET /product/meta/filter`), which also defines what `POST /product/filter` accepts. */
export const productFilterFields: FilterField[] = [
  {
    type: 'default_field',
    displayKey: 'product_no',
    displayName: 'Product #',
    fieldDataKey: 'product_no',
    fieldType: 'NUMBER',
    multiSelect: false,
    read: (p) => p.product_no,
  },
  {
    type: 'default_field',
    displayKey: 'product_id',
    displayName: 'ID',
    fieldDataKey: 'product_id',
    fieldType: 'TEXT',
    multiSelect: false,
    read: (p) => p.product_id,
  },
  {
    type: 'default_field',
    displayKey: 'product_name',
    displayName: 'Product Name',
    fieldDataKey: 'product_name',
    fieldType: 'TEXT',
    multiSelect: false,
    read: (p) => p.product_name,
  },
  {
    type: 'nested_field',
    displayKey: 'product_category_uid',
    displayName: 'Category',
    fieldDataKey: 'product_category_uid',
    fieldType: 'LOOKUP',
    multiSelect: true,
    data: {
      url: '/product/category',
      lazyLoad: true,
      searchParam: 'filter.keyword',
      dataKey: 'category_uid',
      bindLabel: 'category_name',
    },
    read: (p) => p.category_uid,
  },
  {
    type: 'default_field',
    displayKey: 'product_type',
    displayName: 'Type',
    fieldDataKey: 'product_type',
    fieldType: 'DROPDOWN',
    multiSelect: true,
    fieldOptions: [
      { key: 'PRODUCT', value: 'Product' },
      { key: 'SERVICE', value: 'Service' },
      { key: 'PARTS', value: 'Parts' },
      { key: 'BUNDLE', value: 'Bundle' },
      { key: 'LABOR SERVICE', value: 'Labor Service' },
    ],
    read: (p) => p.product_type,
  },
  {
    type: 'default_field',
    displayKey: 'is_available',
    displayName: 'Available',
    fieldDataKey: 'is_available',
    fieldType: 'DROPDOWN',
    multiSelect: false,
    fieldOptions: yesNo,
    read: (p) => String(p.is_available),
  },
  {
    type: 'default_field',
    displayKey: 'low_stock',
    displayName: 'Stock',
    fieldDataKey: 'low_stock',
    fieldType: 'DROPDOWN',
    multiSelect: false,
    fieldOptions: [
      { key: 'true', value: 'Low Stock' },
      { key: 'false', value: 'In Stock' },
      { key: 'out_of_stock', value: 'Out of Stock' },
    ],
  },
  {
    type: 'default_field',
    displayKey: 'created_at',
    displayName: 'Created At',
    fieldDataKey: 'created_at',
    fieldType: 'DATE',
    multiSelect: false,
    read: (p) => p.created_at,
  },
  {
    type: 'default_field',
    displayKey: 'keyword',
    displayName: 'Keyword',
    fieldDataKey: 'keyword',
    fieldType: 'TEXT',
    multiSelect: false,
  },
  {
    type: 'default_field',
    displayKey: 'is_supplier_integrated_product',
    displayName: 'Supplier Integrated Product',
    fieldDataKey: 'is_supplier_integrated_product',
    fieldType: 'DROPDOWN',
    multiSelect: false,
    fieldOptions: yesNo,
    read: () => 'false',
  },
];

/** The meta-filter response items (the `read` accessor is internal). */
export function metaFilterView(): Record<string, unknown>[] {
  return productFilterFields.map(({ read: _read, ...field }) => field);
}
