import { z } from 'zod';
import { numeric } from '../products/product-input.js';

const positive = numeric.refine((n) => n > 0, 'must be greater than 0');
const common = {
  product_uid: z.string().min(1),
  quantity: positive,
  serial_nos: z.array(z.string()).optional(),
  remarks: z.string().optional(),
  min_quantity: numeric.nullable().optional(),
};

/** Bodies of `POST /product/{uid}/inward|outward|transfer` (under `"transaction"`). */
export const inwardSchema = z.object({
  ...common,
  location_uid: z.string().min(1),
  purchase_price: numeric.nullable().optional(),
});
export const outwardSchema = z.object({ ...common, location_uid: z.string().min(1) });
export const transferSchema = z.object({
  ...common,
  from_location_uid: z.string().min(1),
  to_location_uid: z.string().min(1),
});
