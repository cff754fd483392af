import { z } from 'zod';

/** Modules Zuper can track part consumption on ("Choose module to track Part Consumption"). */
export const consumptionModules = ['INVOICE', 'JOB', 'QUOTE', 'NONE'] as const;

/** How an inward with a purchase price changes the product's purchase price ("Update Purchase Cost to?"). */
export const purchaseCostModes = ['LATEST', 'WEIGHTED_AVERAGE', 'HIGHEST', 'NONE'] as const;

/** Per-company (organisation) settings. */
export const companySettingsSchema = z.strictObject({
  /** "Allow negative stock balance?" */
  allow_negative_stock: z.boolean(),
  consumption_module: z.enum(consumptionModules),
  /** With consumption_module JOB: the job status that triggers consumption (jobs are not emulated). */
  consumption_job_status: z.string().nullable(),
  /**
   * Emulator choice, not a confirmed Zuper rule: where a tracked invoice line without `location_uid` is
   * consumed (the user's "Preferred Product Location" in real Zuper). null: such lines consume nothing.
   */
  default_location_uid: z.string().nullable(),
  purchase_cost_update: z.enum(purchaseCostModes),
  /** Plan limit: API requests per minute for this company (Zuper plans: 200 to 700). */
  rate_limit_per_minute: z.number().int().positive(),
  /** "Part Prefix" given to new products that do not send one. */
  part_prefix: z.string(),
});
export type CompanySettings = z.infer<typeof companySettingsSchema>;

export function defaultCompanySettings(): CompanySettings {
  return {
    allow_negative_stock: true,
    consumption_module: 'INVOICE',
    consumption_job_status: null,
    default_location_uid: null,
    purchase_cost_update: 'LATEST',
    rate_limit_per_minute: 500,
    part_prefix: 'PT',
  };
}
