import { z } from 'zod';
import type { ZuperContext } from '../context.js';
import { parseOrThrow } from '../http/validate.js';
import { seedLocation } from '../seed.js';
import { locationTypes, type LocationRecord } from '../store/types.js';
import type { CompanyStore } from '../store/company-store.js';

/**
 * The body of `POST /products/location` as recorded against the live API: `{product_location:{location_name,
 * location_type, location_description, location_address, location_access, allowed_users}}`. The UI's rules apply
 * (name mandatory, at most 26 characters; type one of Site, Warehouse, Van, Others); other fields are optional here.
 */
const locationInputSchema = z.looseObject({
  location_name: z.string().trim().min(1).max(26),
  location_type: z.enum(locationTypes),
  location_description: z.string().optional(),
  location_address: z.record(z.string(), z.unknown()).nullable().optional(),
  location_access: z.union([z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  allowed_users: z.array(z.unknown()).optional(),
});

/** Creates a stock location from an API body (already unwrapped from `product_location`). */
export function createLocation(ctx: ZuperContext, company: CompanyStore, raw: Record<string, unknown>): LocationRecord {
  const input = parseOrThrow(locationInputSchema, raw);
  return seedLocation(ctx, company, {
    location_name: input.location_name,
    location_type: input.location_type,
    location_description: input.location_description ?? '',
    // Whether technicians may use it: a boolean when sent as one, otherwise the UI's default (yes).
    can_fe_access: typeof input.location_access === 'boolean' ? input.location_access : true,
    address: input.location_address ?? null,
  });
}
