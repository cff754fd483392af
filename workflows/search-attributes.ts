import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Ids only: search attributes are never encrypted, so no names, quantities or secrets go here. */
export const ConnectionIdKey = defineSearchAttributeKey('ConnectionId', SearchAttributeType.KEYWORD);
export const QboItemIdKey = defineSearchAttributeKey('QboItemId', SearchAttributeType.KEYWORD);
export const ZuperProductUidKey = defineSearchAttributeKey('ZuperProductUid', SearchAttributeType.KEYWORD);
export const SyncKindKey = defineSearchAttributeKey('SyncKind', SearchAttributeType.KEYWORD);
export const SyncOutcomeKey = defineSearchAttributeKey('SyncOutcome', SearchAttributeType.KEYWORD);

export const allSearchAttributes = [ConnectionIdKey, QboItemIdKey, ZuperProductUidKey, SyncKindKey, SyncOutcomeKey];
