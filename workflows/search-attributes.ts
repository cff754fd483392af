import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { Side } from '../domain/sides.js';

/** Ids only: search attributes are never encrypted, so no names, quantities or secrets go here. */
export const ConnectionIdKey = defineSearchAttributeKey('ConnectionId', SearchAttributeType.KEYWORD);
const AccountingItemIdKey = defineSearchAttributeKey('AccountingItemId', SearchAttributeType.KEYWORD);
const FieldItemIdKey = defineSearchAttributeKey('FieldItemId', SearchAttributeType.KEYWORD);
export const SyncKindKey = defineSearchAttributeKey('SyncKind', SearchAttributeType.KEYWORD);
export const SyncOutcomeKey = defineSearchAttributeKey('SyncOutcome', SearchAttributeType.KEYWORD);

/**
 * The item ids under the names they had before the sides were named (README, "Temporal UI"): still written beside
 * `AccountingItemId`/`FieldItemId` so that list filters saved before keep finding new runs. To be dropped once
 * deployments have moved their filters; nothing reads them.
 */
const legacyItemIdKeys = {
  accounting: defineSearchAttributeKey('QboItemId', SearchAttributeType.KEYWORD),
  field: defineSearchAttributeKey('ZuperProductUid', SearchAttributeType.KEYWORD),
};
const itemIdKeys = { accounting: AccountingItemIdKey, field: FieldItemIdKey };

/** The search attributes naming one side's item id: its side-neutral one and the older name. */
export const itemIdSearchAttributes = (side: Side, id: string): SearchAttributePair[] => [
  { key: itemIdKeys[side], value: id },
  { key: legacyItemIdKeys[side], value: id },
];

/** Every attribute the namespace must have registered (as Keyword) before workflows start. */
export const allSearchAttributes = [
  ConnectionIdKey,
  AccountingItemIdKey,
  FieldItemIdKey,
  legacyItemIdKeys.accounting,
  legacyItemIdKeys.field,
  SyncKindKey,
  SyncOutcomeKey,
];
