import type { CategoryRecord } from '../store/types.js';

/** The category record; the parent uid appears under the configured field name. */
export function categoryView(category: CategoryRecord, parentField: string): Record<string, unknown> {
  return {
    _id: category._id,
    category_uid: category.category_uid,
    category_name: category.category_name,
    category_description: category.category_description,
    category_icon: category.category_icon,
    [parentField]: category.parent_category_uid,
    display_order: category.display_order,
    is_deleted: category.is_deleted,
    created_by: category.created_by,
    created_at: category.created_at,
    updated_at: category.updated_at,
    id: category._id,
  };
}
