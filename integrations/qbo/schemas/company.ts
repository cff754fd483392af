import { z } from 'zod';
import { idSchema, optional } from './common.js';

export const companyInfoResponseSchema = z.object({
  CompanyInfo: z.object({
    Id: idSchema,
    CompanyName: z.string(),
    Country: optional(z.string()),
    /** Feature flags such as `{"Name":"ItemCategoriesFeature","Value":"true"}`. */
    NameValue: z.array(z.object({ Name: z.string(), Value: z.string() })).default([]),
  }),
});

const flag = optional(z.boolean()).transform((v) => v ?? false);

export const preferencesResponseSchema = z.object({
  Preferences: z.object({
    ProductAndServicesPrefs: z.object({
      ForSales: flag,
      ForPurchase: flag,
      QuantityWithPriceAndRate: flag,
      QuantityOnHand: z.boolean(),
    }),
  }),
});
