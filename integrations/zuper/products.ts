import { ZuperApiError } from './errors.js';
import type { QueryValue, ZuperTransport } from './http-transport.js';
import { nullWhenNotFound } from './not-found.js';
import { iterateAllPages, iteratePagesAhead, toPage } from './paging.js';
import { mergeMetaData, patchToZuperFields, productCreateBody } from './product-fields.js';
import type { ZuperProductInput, ZuperProductPatch } from './product-fields.js';
import { normalizeProduct } from './product-normalize.js';
import { productRecordToPutBody } from './product-put-body.js';
import { productRecord, type ZuperProduct, type ZuperProductType } from './product-schema.js';
import { listEnvelope, recordEnvelope, successEnvelope, writeEnvelope, type Page } from './schemas.js';

export interface ZuperProductFilters {
  keyword?: string;
  productId?: string;
  productType?: ZuperProductType;
  categoryUid?: string;
  locationUid?: string;
  isAvailable?: boolean;
  isDeleted?: boolean;
  /** ISO timestamps bounding `updated_at`. */
  updatedAtFrom?: string;
  updatedAtTo?: string;
  /** Matches a custom field's value, e.g. `{ label: 'QB Product ID', value: '42' }`. */
  customField?: { label: string; value: string };
}

export interface ListProductsParams {
  page: number;
  count: number;
  filters?: ZuperProductFilters;
}

const productList = listEnvelope(productRecord);
const productAnswer = recordEnvelope(productRecord.nullable());
const productWritten = writeEnvelope('product_uid');

/**
 * Product pages a whole-catalog read asks for at once: with one, each page's latency came on top of the rate budget's
 * pacing (1,000 pages took 150 s where the budget allows 125 s); two keep the budget busy, and the budget, shared
 * with every other call to the company, still decides when each is sent.
 */
const PAGES_IN_FLIGHT = 2;

export function createProductsApi(transport: ZuperTransport, pageSize: number) {
  // Some data centres answer 404 on GET /product and serve the list at /products; learnt once per client.
  let listPath: '/product' | '/products' = '/product';

  async function fetchList(query: Record<string, QueryValue>) {
    try {
      return await transport.call(productList, { method: 'GET', path: listPath, query });
    } catch (error) {
      if (listPath === '/products' || !(error instanceof ZuperApiError) || error.kind !== 'not-found') throw error;
      listPath = '/products';
      return transport.call(productList, { method: 'GET', path: listPath, query });
    }
  }

  async function listProducts({ page, count, filters = {} }: ListProductsParams): Promise<Page<ZuperProduct>> {
    const answer = await fetchList({ page, count, ...productFilterQuery(filters) });
    return toPage(answer, page, count, normalizeProduct);
  }

  /** The product as GET returns it; null when unknown or soft-deleted (some data centres still return those). */
  async function getLiveProductRecord(uid: string) {
    const path = `/product/${encodeURIComponent(uid)}`;
    const answer = await nullWhenNotFound(transport.call(productAnswer, { method: 'GET', path }));
    return answer?.data && answer.data.is_deleted !== true ? answer.data : null;
  }

  return {
    listProducts,

    /** Every product matching the filters, page by page. */
    iterateProducts(filters: ZuperProductFilters = {}): AsyncGenerator<ZuperProduct> {
      return iterateAllPages((page) => listProducts({ page, count: pageSize, filters }));
    },

    /** The same products a page at a time, two pages asked for at once (a whole-catalog read). */
    iterateProductPages(filters: ZuperProductFilters = {}): AsyncGenerator<ZuperProduct[]> {
      return iteratePagesAhead((page) => listProducts({ page, count: pageSize, filters }), PAGES_IN_FLIGHT);
    },

    /** Null when Zuper does not know the uid or the product is deleted. */
    async getProduct(uid: string): Promise<ZuperProduct | null> {
      const record = await getLiveProductRecord(uid);
      return record && normalizeProduct(record);
    },

    /** Returns the new product_uid. */
    async createProduct(input: ZuperProductInput): Promise<string> {
      const answer = await transport.call(productWritten, {
        method: 'POST',
        path: '/product',
        body: { product: productCreateBody(input) },
      });
      return answer.data.product_uid;
    },

    /**
     * Reads the product and writes it back with the patch applied, in the shape PUT accepts. The per-location
     * quantities just read are sent back unchanged, because the full round trip is the only PUT proven against
     * live Zuper (whether PUT keeps omitted quantities is unknown). So a stock change landing in Zuper between
     * this read and write would be overwritten: keep definition updates rare and off the quantity path.
     */
    async updateProduct(uid: string, patch: ZuperProductPatch): Promise<void> {
      const record = await getLiveProductRecord(uid);
      if (record === null) {
        throw new ZuperApiError({
          kind: 'not-found',
          httpStatus: 404,
          title: 'Product not found',
          message: `No product ${uid}`,
          endpoint: `PUT /product/${uid}`,
          writeMayHaveLanded: false,
        });
      }
      const product = { ...productRecordToPutBody(record), ...patchToZuperFields(patch) };
      if (patch.metaData) product.meta_data = mergeMetaData(asArray(product.meta_data), patch.metaData);
      await transport.call(productWritten, {
        method: 'PUT',
        path: `/product/${encodeURIComponent(uid)}`,
        body: { product },
      });
    },

    /** Soft-deletes in Zuper; a product that is already gone counts as deleted. */
    async deleteProduct(uid: string): Promise<void> {
      const path = `/product/${encodeURIComponent(uid)}`;
      await nullWhenNotFound(transport.call(successEnvelope, { method: 'DELETE', path }));
    },
  };
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function productFilterQuery(filters: ZuperProductFilters): Record<string, QueryValue> {
  return {
    'filter.keyword': filters.keyword,
    'filter.product_id': filters.productId,
    'filter.product_type': filters.productType,
    'filter.product_category': filters.categoryUid,
    'filter.location_uid': filters.locationUid,
    'filter.is_available': filters.isAvailable === undefined ? undefined : String(filters.isAvailable),
    'filter.is_deleted': filters.isDeleted === undefined ? undefined : String(filters.isDeleted),
    'filter.updated_at_from': filters.updatedAtFrom,
    'filter.updated_at_to': filters.updatedAtTo,
    'filter.custom_field': filters.customField && JSON.stringify(filters.customField),
  };
}
