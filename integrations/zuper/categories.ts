import { z } from 'zod';
import type { ZuperTransport } from './http-transport.js';
import { nullWhenNotFound } from './not-found.js';
import { collectAllPages, toPage } from './paging.js';
import { flag, listEnvelope, successEnvelope, writeEnvelope } from './schemas.js';

export interface ZuperCategory {
  uid: string;
  name: string;
  description: string;
  parentUid: string | null;
  isDeleted: boolean;
}

export interface ZuperCategoryInput {
  name: string;
  description?: string;
  parentUid?: string | null;
}

const categoryWritten = writeEnvelope('category_uid');
const categoryList = listEnvelope(
  z.looseObject({
    category_uid: z.string().min(1),
    category_name: z.string(),
    category_description: z.string().nullish(),
    is_deleted: flag.optional(),
  }),
);

/** Category CRUD; `parentField` names the sub-category parent field, which Zuper does not document. */
export function createCategoriesApi(transport: ZuperTransport, pageSize: number, parentField: string) {
  const toBody = (input: Partial<ZuperCategoryInput>) => ({
    ...(input.name === undefined ? {} : { category_name: input.name }),
    ...(input.description === undefined ? {} : { category_description: input.description }),
    ...(input.parentUid === undefined ? {} : { [parentField]: input.parentUid }),
  });

  return {
    async listCategories(): Promise<ZuperCategory[]> {
      return collectAllPages(async (page) => {
        const query = { page, count: pageSize };
        const answer = await transport.call(categoryList, { method: 'GET', path: '/products/category', query });
        return toPage(answer, page, pageSize, (raw) => ({
          uid: raw.category_uid,
          name: raw.category_name,
          description: raw.category_description ?? '',
          parentUid: typeof raw[parentField] === 'string' ? raw[parentField] : null,
          isDeleted: raw.is_deleted ?? false,
        }));
      });
    },

    /** Returns the new category_uid. */
    async createCategory(input: ZuperCategoryInput): Promise<string> {
      const body = { product_category: toBody(input) };
      const answer = await transport.call(categoryWritten, { method: 'POST', path: '/products/category', body });
      return answer.data.category_uid;
    },

    /** Zuper answers an update with the message "Product Category Created Successfully"; only the uid is checked. */
    async updateCategory(uid: string, patch: Partial<ZuperCategoryInput>): Promise<void> {
      const body = { product_category: { category_uid: uid, ...toBody(patch) } };
      await transport.call(categoryWritten, {
        method: 'PUT',
        path: `/products/category/${encodeURIComponent(uid)}`,
        body,
      });
    },

    /** A category that is already gone counts as deleted. */
    async deleteCategory(uid: string): Promise<void> {
      const path = `/products/category/${encodeURIComponent(uid)}`;
      await nullWhenNotFound(transport.call(successEnvelope, { method: 'DELETE', path }));
    },
  };
}
