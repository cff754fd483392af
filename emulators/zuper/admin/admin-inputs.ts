import { z } from 'zod';
import { locationTypes, productTypes } from '../store/types.js';

export const locationSeedSchema = z.strictObject({
  location_uid: z.string().min(1).optional(),
  location_name: z.string().trim().min(1),
  location_type: z.enum(locationTypes).default('WAREHOUSE'),
  location_description: z.string().default(''),
  can_fe_access: z.boolean().default(true),
  address: z.record(z.string(), z.unknown()).nullable().default(null),
  is_deleted: z.boolean().default(false),
});
export type LocationSeed = z.input<typeof locationSeedSchema>;

export const categorySeedSchema = z.strictObject({
  category_name: z.string().trim().min(1),
  category_description: z.string().optional(),
  category_icon: z.string().optional(),
  parent_category_uid: z.string().nullable().optional(),
});
export type CategorySeed = z.input<typeof categorySeedSchema>;

export const createCompanySchema = z.strictObject({
  company_name: z.string().trim().min(1),
  api_key: z.string().min(8).optional(),
  read_only_api_key: z.string().min(8).optional(),
  /** Partial company settings, merged onto the emulator's `companyDefaults`. */
  settings: z.record(z.string(), z.unknown()).optional(),
  user: z.strictObject({ first_name: z.string(), last_name: z.string(), email: z.string() }).optional(),
  locations: z.array(locationSeedSchema).optional(),
  categories: z.array(categorySeedSchema).optional(),
});
export type CreateCompanyInput = z.input<typeof createCompanySchema>;

export const generateProductsSchema = z.strictObject({
  count: z.number().int().min(1).max(100_000),
  /** Defaults to the company's first live category (one named "General" is created when there is none). */
  category_uid: z.string().optional(),
  /** Defaults to the company's first live location. */
  location_uids: z.array(z.string()).optional(),
  quantity_per_location: z.number().default(10),
  product_type: z.enum(productTypes).default('PARTS'),
  name_prefix: z.string().default('Part'),
});
export type GenerateProductsInput = z.input<typeof generateProductsSchema>;

export const seedListSchema = (key: string) => z.object({ [key]: z.array(z.unknown()) });
export const advanceSchema = z.object({ ms: z.number().min(0) });
