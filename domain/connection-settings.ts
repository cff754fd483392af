import { z } from 'zod';
import type { Side } from './sides.js';
import { isSystem, sideOfSystem, systems, type System } from './systems.js';

/**
 * The product master is a side. Before, the setting named a system (by its folder name under integrations/):
 * settings stored or sent that way read as that system's side.
 */
const productMasterSchema = z.preprocess(
  (value) => (typeof value === 'string' && isSystem(value) ? sideOfSystem(value) : value),
  z.enum(['accounting', 'field']),
);

/**
 * The settings of a connection that mean the same whatever its systems. Each side's own settings sit beside them,
 * under `accounting` and `field`, read with the schema of the system on that side
 * (`integrations/connection-settings.ts`, docs/sides.md "Settings").
 */
export const sharedSettingsSchema = z.object({
  /** Where new items are created and definitions flow from. */
  productMaster: productMasterSchema,
  /** Minimum quantity at the field side's stock location for items copied from the accounting side. */
  minQuantity: z.number().min(0).default(0),
  /** Quantity the field side gives the accounting side's non-inventory items (which keep none). */
  nonInventoryQuantity: z.number().default(0),
  /** How often the reconciliation schedule runs, e.g. "15m". */
  reconcileEvery: z
    .string()
    // abort: refinements added on top (the settings change's range checks) cannot read a value that is no duration.
    .regex(/^\d+(s|m|h)$/, { message: 'a duration such as 15m or 1h', abort: true })
    .default('15m'),
});

export type SharedSettings = z.infer<typeof sharedSettingsSchema>;

/** A side's own settings, which name the system they belong to. */
export interface SideSettings {
  system: System;
}

/**
 * The words a product master may be given as: a side, or a system (the connection's own, or any system standing
 * for its side, as before the setting named sides).
 */
export const productMasterWords = ['accounting', 'field', ...systems] as const satisfies readonly (Side | System)[];
export type ProductMasterWord = (typeof productMasterWords)[number];

/** A value a setting may take, read from the company it refers to, with the name users know it by. */
export interface SettingChoice {
  value: string;
  label: string;
}
