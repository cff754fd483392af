import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { companyOf } from '../auth.js';
import type { ZuperContext } from '../context.js';
import { recordEnvelope, writeEnvelope } from '../http/envelope.js';
import { wrapped } from '../http/body.js';
import { cannotGet, findLive } from '../http/not-found.js';
import { pageOf, parseBodyPaging, parsePaging } from '../http/paging.js';
import { queryOf } from '../http/query.js';
import { parseOrThrow } from '../http/validate.js';
import type { CompanyStore } from '../store/company-store.js';
import type { ProductRecord } from '../store/types.js';
import { metaFilterView } from './filter-fields.js';
import { productListPredicates } from './list-query.js';
import { createProduct } from './product-create.js';
import { matchesAll } from './product-predicates.js';
import { filterSortKeys, listSortKeys, parseSortDirection, sortProducts } from './product-sort.js';
import { updateProduct } from './product-update.js';
import { productListItemView, productView } from './product-view.js';
import { filterRuleSchema, rulesPredicate } from './rule-filter.js';

const filterBodySchema = z.object({
  page: z.unknown().optional(),
  limit: z.unknown().optional(),
  sort: z.unknown().optional(),
  sort_by: z.unknown().optional(),
  filter_rules: z.array(filterRuleSchema).default([]),
  filter_rule_operator: z.enum(['AND', 'OR']).default('AND'),
  fields_to_select: z.string().optional(),
});

function select(products: Iterable<ProductRecord>, predicate: (p: ProductRecord) => boolean): ProductRecord[] {
  const out: ProductRecord[] = [];
  for (const p of products) if (predicate(p)) out.push(p);
  return out;
}

/** `fields_to_select`: a comma-separated sparse fieldset. */
function sparse(fields: string | undefined): ((item: Record<string, unknown>) => Record<string, unknown>) | undefined {
  const keys = fields
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (!keys?.length) return undefined;
  return (item) => Object.fromEntries(keys.filter((k) => k in item).map((k) => [k, item[k]]));
}

function emitProduct(
  ctx: ZuperContext,
  company: CompanyStore,
  trigger: 'product_created' | 'product_updated' | 'product_deleted',
  p: ProductRecord,
): void {
  ctx.emit(company, trigger, { uidKey: 'product_uid', uid: p.product_uid });
}

export function registerProductRoutes(api: FastifyInstance, ctx: ZuperContext): void {
  api.post('/product', (request) => {
    const company = companyOf(request);
    const product = createProduct(ctx, company, wrapped(request.body, 'product'));
    emitProduct(ctx, company, 'product_created', product);
    return writeEnvelope('New Product Created Successfully', { product_uid: product.product_uid });
  });

  // Some data centres answer 404 on GET /product and serve the list at /products (reference §1.6).
  const list = (plural: boolean) => (request: FastifyRequest, reply: FastifyReply) => {
    if (ctx.settings().routes.productListPlural !== plural) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(cannotGet('GET', request.url.split('?', 1)[0] ?? ''));
    }
    const company = companyOf(request);
    const query = queryOf(request);
    const paging = parsePaging(query, 10, ctx.settings().paging);
    const direction = parseSortDirection(query.sort, 'DESC');
    const matches = select(company.products.values(), matchesAll(productListPredicates(query)));
    const sorted = sortProducts(matches, query.sort_by, direction, listSortKeys);
    return pageOf(sorted, paging, (p) => productListItemView(company, p));
  };
  api.get('/product', list(false));
  api.get('/products', list(true));

  api.get('/product/meta/filter', () => recordEnvelope(metaFilterView()));

  api.post('/product/filter', (request) => {
    const company = companyOf(request);
    const body = parseOrThrow(filterBodySchema, request.body ?? {});
    const paging = parseBodyPaging(body.page, body.limit);
    const direction = parseSortDirection(body.sort, 'ASC');
    const predicate = rulesPredicate(body.filter_rules, body.filter_rule_operator);
    const matches = select(company.products.values(), (p) => !p.is_deleted && predicate(p));
    const sorted = sortProducts(matches, body.sort_by, direction, filterSortKeys);
    const pick = sparse(body.fields_to_select);
    return pageOf(sorted, paging, (p) =>
      pick ? pick(productListItemView(company, p)) : productListItemView(company, p),
    );
  });

  api.get<{ Params: { uid: string } }>('/product/:uid', (request) => {
    const company = companyOf(request);
    return recordEnvelope(productView(company, findLive(ctx, company.products, request.params.uid, 'Product', 'read')));
  });

  api.put<{ Params: { uid: string } }>('/product/:uid', (request) => {
    const company = companyOf(request);
    const product = findLive(ctx, company.products, request.params.uid, 'Product', 'write');
    updateProduct(ctx, company, product, wrapped(request.body, 'product'));
    emitProduct(ctx, company, 'product_updated', product);
    return writeEnvelope('Product Updated Successfully', { product_uid: product.product_uid });
  });

  api.delete<{ Params: { uid: string } }>('/product/:uid', (request) => {
    const company = companyOf(request);
    const product = findLive(ctx, company.products, request.params.uid, 'Product', 'write');
    product.is_deleted = true;
    product.deleted_at = ctx.nowIso();
    product.updated_at = product.deleted_at;
    emitProduct(ctx, company, 'product_deleted', product);
    return { type: 'success', message: 'Product Deleted Successfully' };
  });
}
