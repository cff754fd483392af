import { z } from 'zod';
import type { ZuperTransport } from './http-transport.js';
import { nullWhenNotFound } from './not-found.js';
import { recordEnvelope } from './schemas.js';

const CONSUMPTION_MODULES = ['INVOICE', 'JOB', 'QUOTE', 'NONE'] as const;

/** The two Zuper settings the sync depends on (Settings → Parts & Services). */
export interface ZuperInventorySettings {
  allowNegativeStock: boolean;
  /** "Choose module to track Part Consumption": the sync needs INVOICE. */
  consumptionModule: (typeof CONSUMPTION_MODULES)[number];
}

const settingsAnswer = recordEnvelope(
  z.looseObject({ allow_negative_stock: z.boolean(), consumption_module: z.enum(CONSUMPTION_MODULES) }),
);

/** Reads the inventory settings; null when the route is not served, since Zuper documents no such route. */
export function createSettingsApi(transport: ZuperTransport, path: string) {
  return {
    async getInventorySettings(): Promise<ZuperInventorySettings | null> {
      const answer = await nullWhenNotFound(transport.call(settingsAnswer, { method: 'GET', path }), true);
      return (
        answer && {
          allowNegativeStock: answer.data.allow_negative_stock,
          consumptionModule: answer.data.consumption_module,
        }
      );
    },
  };
}
