import type { ZuperContext } from './context.js';
import { badRequest } from './http/envelope.js';
import { createCategory } from './categories/category-write.js';
import { createProduct } from './products/product-create.js';
import type { CompanyStore } from './store/company-store.js';
import type { CategoryRecord, LocationRecord, ProductRecord } from './store/types.js';
import {
  type CategorySeed,
  categorySeedSchema,
  type GenerateProductsInput,
  generateProductsSchema,
  type LocationSeed,
  locationSeedSchema,
} from './admin/admin-inputs.js';

/** Locations have no known write API: they exist only through seeding. */
export function seedLocation(ctx: ZuperContext, company: CompanyStore, seed: LocationSeed): LocationRecord {
  const input = locationSeedSchema.parse(seed);
  const uid = input.location_uid ?? ctx.ids.uuid();
  if (company.locations.has(uid)) throw badRequest(`Location ${uid} already exists`);
  const now = ctx.nowIso();
  const location: LocationRecord = {
    _id: ctx.ids.objectId(),
    location_uid: uid,
    location_name: input.location_name,
    location_type: input.location_type,
    location_description: input.location_description,
    can_fe_access: input.can_fe_access,
    address: input.address,
    is_deleted: input.is_deleted,
    created_at: now,
    updated_at: now,
  };
  company.locations.set(uid, location);
  return location;
}

/** Categories go through the API's own validation; the parent is given under the configured field name. */
export function seedCategory(ctx: ZuperContext, company: CompanyStore, seed: CategorySeed): CategoryRecord {
  const { parent_category_uid, ...rest } = categorySeedSchema.parse(seed);
  return createCategory(ctx, company, { ...rest, [ctx.settings().categories.parentField]: parent_category_uid });
}

function defaultCategory(ctx: ZuperContext, company: CompanyStore): string {
  for (const c of company.categories.values()) if (!c.is_deleted) return c.category_uid;
  return seedCategory(ctx, company, { category_name: 'General' }).category_uid;
}

/** A deterministic synthetic catalog (benchmarks): products validated like API creates, no webhooks fired. */
export function generateProducts(
  ctx: ZuperContext,
  company: CompanyStore,
  raw: GenerateProductsInput,
): ProductRecord[] {
  const input = generateProductsSchema.parse(raw);
  const category = input.category_uid ?? defaultCategory(ctx, company);
  const firstLocation = [...company.locations.values()].find((l) => !l.is_deleted)?.location_uid;
  const locations = input.location_uids ?? (firstLocation ? [firstLocation] : []);
  const start = company.products.size;
  const created: ProductRecord[] = [];
  for (let i = 1; i <= input.count; i++) {
    const n = start + i;
    created.push(
      createProduct(ctx, company, {
        product_name: `${input.name_prefix} ${n}`,
        product_id: `SKU-${String(n).padStart(6, '0')}`,
        product_category: category,
        product_type: input.product_type,
        price: (n % 97) + 0.99,
        purchase_price: (n % 89) + 0.5,
        location_availability: locations.map((location) => ({
          location,
          quantity: input.quantity_per_location,
          min_quantity: 1,
        })),
      }),
    );
  }
  return created;
}
