import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { companyOf } from '../auth.js';
import type { ZuperContext } from '../context.js';
import { wrapped } from '../http/body.js';
import { badRequest, errorEnvelope, writeEnvelope } from '../http/envelope.js';
import { findLive } from '../http/not-found.js';
import { pageOf, parsePaging } from '../http/paging.js';
import { queryOf } from '../http/query.js';
import { parseSortDirection } from '../products/product-sort.js';
import type { CategoryRecord } from '../store/types.js';
import { categoryView } from './category-view.js';
import { createCategory, deleteCategory, updateCategory } from './category-write.js';

type Handler = (request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) => unknown;

/** CRUD under `/products/category`, with the live API's messages (the update really says "Created"). */
export function registerCategoryRoutes(api: FastifyInstance, ctx: ZuperContext): void {
  const create: Handler = (request) => {
    const category = createCategory(ctx, companyOf(request), wrapped(request.body, 'product_category'));
    return writeEnvelope('New Product Category Created Successfully', { category_uid: category.category_uid });
  };

  const list: Handler = (request) => {
    const company = companyOf(request);
    const query = queryOf(request);
    const paging = parsePaging(query, 20, ctx.settings().paging);
    const direction = parseSortDirection(query.sort, 'DESC');
    const sortBy = query.sort_by || 'created_at';
    if (sortBy !== 'created_at' && sortBy !== 'display_order') throw badRequest('Invalid Sort By Value');
    const keyword = query['filter.keyword']?.toLowerCase();
    const uid = query['filter.category_uid'];
    const items: CategoryRecord[] = [];
    for (const c of company.categories.values()) {
      if (c.is_deleted || (uid && c.category_uid !== uid)) continue;
      if (keyword && !`${c.category_name}\n${c.category_description}`.toLowerCase().includes(keyword)) continue;
      items.push(c);
    }
    const sign = direction === 'ASC' ? 1 : -1;
    // Creation order and display order coincide until reordering, which the API does not expose.
    items.sort((a, b) => sign * (a.display_order - b.display_order));
    const parentField = ctx.settings().categories.parentField;
    return pageOf(items, paging, (c) => categoryView(c, parentField));
  };

  const update: Handler = (request) => {
    const company = companyOf(request);
    const category = findLive(ctx, company.categories, request.params.uid, 'Product Category', 'write');
    updateCategory(ctx, company, category, wrapped(request.body, 'product_category'));
    return writeEnvelope('Product Category Created Successfully', { category_uid: category.category_uid });
  };

  const remove: Handler = (request) => {
    const company = companyOf(request);
    deleteCategory(ctx, company, findLive(ctx, company.categories, request.params.uid, 'Product Category', 'write'));
    return writeEnvelope('Product Category deleted successfully', []);
  };

  for (const base of ['/products/category', '/product/category']) {
    // The singular alias seen in the meta filter is UNCONFIRMED: served only when switched on.
    const guard =
      (handler: Handler): Handler =>
      (request, reply) => {
        if (base === '/products/category' || ctx.settings().routes.categorySingularAlias)
          return handler(request, reply);
        reply.code(404);
        return errorEnvelope('Not Found', 'Route not found');
      };
    api.post(base, guard(create));
    api.get(base, guard(list));
    api.put(`${base}/:uid`, guard(update));
    api.delete(`${base}/:uid`, guard(remove));
  }
}
