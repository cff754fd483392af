import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { Side } from '../domain/sides.js';
import { olderItemIdKeys } from './recorded-names.js';

/** Ids only: search attributes are never encrypted, so no names, quantities or secrets go here. */
export const ConnectionIdKey = defineSearchAttributeKey('ConnectionId', SearchAttributeType.KEYWORD);
const AccountingItemIdKey = defineSearchAttributeKey('AccountingItemId', SearchAttributeType.KEYWORD);
const FieldItemIdKey = defineSearchAttributeKey('FieldItemId', SearchAttributeType.KEYWORD);
export const SyncKindKey = defineSearchAttributeKey('SyncKind', SearchAttributeType.KEYWORD);
export const SyncOutcomeKey = defineSearchAttributeKey('SyncOutcome', SearchAttributeType.KEYWORD);

const itemIdKeys = { accounting: AccountingItemIdKey, field: FieldItemIdKey };

/** The search attributes naming one side's item id: its side-neutral one and the older name. */
export const itemIdSearchAttributes = (side: Side, id: string): SearchAttributePair[] => [
  { key: itemIdKeys[side], value: id },
  { key: olderItemIdKeys[side], value: id },
];

/** Every attribute the namespace must have registered (as Keyword) before workflows start. */
export const allSearchAttributes = [
  ConnectionIdKey,
  AccountingItemIdKey,
  FieldItemIdKey,
  olderItemIdKeys.accounting,
  olderItemIdKeys.field,
  SyncKindKey,
  SyncOutcomeKey,
];
