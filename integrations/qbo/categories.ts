import { checkRequestId, maxRequestIdLength } from './request-id.js';
import { where } from './query-builder.js';
import type { QboQueryApi } from './query.js';
import { deletedEnvelope, singleEnvelope, type QboDeletedStub } from './schemas/entities.js';
import type { QboItem } from './schemas/item.js';
import type { QboTransport } from './transport.js';
import type { QboWriteOptions } from './write-options.js';

export interface QboCategoriesApi {
  /** Needs the categories feature on (CompanyInfo `itemCategoriesEnabled`). */
  createCategory(input: { Name: string; parentId?: string }, opts: QboWriteOptions): Promise<QboItem>;
  listCategories(): Promise<QboItem[]>;
  /** Categories cannot be inactivated, only hard-deleted. */
  deleteCategory(category: { Id: string; SyncToken: string }, opts: QboWriteOptions): Promise<QboDeletedStub>;
}

export function createCategoriesApi(transport: QboTransport, queries: QboQueryApi): QboCategoriesApi {
  const post = (json: object, opts: QboWriteOptions) => ({
    method: 'POST' as const,
    path: 'item',
    json,
    requestId: checkRequestId(opts.requestId, maxRequestIdLength),
  });

  return {
    async createCategory({ Name, parentId }, opts) {
      const parent = parentId === undefined ? {} : { SubItem: true, ParentRef: { value: parentId } };
      return await transport.send(post({ Name, Type: 'Category', ...parent }, opts), singleEnvelope('Item'));
    },

    async listCategories() {
      const all: QboItem[] = [];
      for await (const page of queries.queryAll('Item', [where('Type', '=', 'Category')])) all.push(...page);
      return all;
    },

    async deleteCategory({ Id, SyncToken }, opts) {
      const call = post({ Id, SyncToken }, opts);
      return await transport.send({ ...call, searchParams: { operation: 'delete' } }, deletedEnvelope('Item'));
    },
  };
}
