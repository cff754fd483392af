import { z } from 'zod';
import type { ZuperContext } from '../context.js';
import { badRequest } from '../http/envelope.js';
import { parseOrThrow } from '../http/validate.js';
import type { CompanyStore } from '../store/company-store.js';
import type { CategoryRecord } from '../store/types.js';

const categoryInputSchema = z.object({
  category_uid: z.string().optional(),
  category_name: z.string().trim().min(1).optional(),
  category_description: z.string().nullable().optional(),
  category_icon: z.string().nullable().optional(),
});

const invalid = 'Invalid Data';

function checkName(ctx: ZuperContext, company: CompanyStore, name: string, self: string | null): void {
  const max = ctx.settings().categories.maxNameLength;
  if (max !== null && name.length > max) throw badRequest(`Category name must be at most ${max} characters`, invalid);
  const lower = name.toLowerCase();
  for (const other of company.categories.values()) {
    if (!other.is_deleted && other.category_uid !== self && other.category_name.toLowerCase() === lower) {
      throw badRequest('Category name already exists', invalid);
    }
  }
}

/** Sub-categories nest one level: the parent must be a live top-level category. */
function checkParent(company: CompanyStore, parent: string | null, self: string | null): void {
  if (parent === null) return;
  const record = company.activeCategory(parent);
  if (!record || record.parent_category_uid !== null || parent === self) {
    throw badRequest('Invalid parent category', invalid);
  }
  if (self !== null && [...company.categories.values()].some((c) => !c.is_deleted && c.parent_category_uid === self)) {
    throw badRequest('A category with sub-categories cannot become a sub-category', invalid);
  }
}

function readParent(ctx: ZuperContext, raw: Record<string, unknown>): string | null | undefined {
  const value = raw[ctx.settings().categories.parentField];
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw badRequest('Invalid parent category', invalid);
  return value;
}

export function createCategory(ctx: ZuperContext, company: CompanyStore, raw: Record<string, unknown>): CategoryRecord {
  const input = parseOrThrow(categoryInputSchema, raw);
  if (input.category_name === undefined) throw badRequest('"category_name" is required', invalid);
  checkName(ctx, company, input.category_name, null);
  const parent = readParent(ctx, raw) ?? null;
  checkParent(company, parent, null);
  const now = ctx.nowIso();
  const category: CategoryRecord = {
    _id: ctx.ids.objectId(),
    category_uid: ctx.ids.uuid(),
    category_name: input.category_name,
    category_description: input.category_description ?? '',
    category_icon: input.category_icon ?? '',
    parent_category_uid: parent,
    display_order: company.categories.size + 1,
    is_deleted: false,
    created_by: company.user,
    created_at: now,
    updated_at: now,
  };
  company.categories.set(category.category_uid, category);
  return category;
}

export function updateCategory(
  ctx: ZuperContext,
  company: CompanyStore,
  category: CategoryRecord,
  raw: Record<string, unknown>,
): void {
  const input = parseOrThrow(categoryInputSchema, raw);
  if (input.category_uid === undefined) throw badRequest('"category_uid" is required', invalid);
  if (input.category_uid !== category.category_uid) throw badRequest('category_uid does not match the path', invalid);
  if (input.category_name !== undefined) checkName(ctx, company, input.category_name, category.category_uid);
  const parent = readParent(ctx, raw);
  if (parent !== undefined) checkParent(company, parent, category.category_uid);
  if (input.category_name !== undefined) category.category_name = input.category_name;
  if (input.category_description !== undefined) category.category_description = input.category_description ?? '';
  if (input.category_icon !== undefined) category.category_icon = input.category_icon ?? '';
  if (parent !== undefined) category.parent_category_uid = parent;
  category.updated_at = ctx.nowIso();
}

/** Soft delete; deleting a parent deletes its sub-categories. */
export function deleteCategory(ctx: ZuperContext, company: CompanyStore, category: CategoryRecord): void {
  const now = ctx.nowIso();
  for (const c of company.categories.values()) {
    if (c === category || c.parent_category_uid === category.category_uid) {
      c.is_deleted = true;
      c.updated_at = now;
    }
  }
}
