import { createZuperEmulatorApp, type ZuperEmulatorOptions } from './app.js';
import type { ZuperEmulatorAdmin } from './admin/admin-handle.js';

export { createZuperEmulatorApp, type ZuperEmulatorApp, type ZuperEmulatorOptions } from './app.js';
export type { CompanyInfo, ZuperEmulatorAdmin, ZuperWebhookCounters } from './admin/admin-handle.js';
export { AdminError } from './admin/admin-error.js';
export { consumeOnInvoice, type InvoiceConsumption } from './consume-on-invoice.js';
export type { CategorySeed, CreateCompanyInput, GenerateProductsInput, LocationSeed } from './admin/admin-inputs.js';
export { type CompanySettings, defaultCompanySettings } from './company-settings.js';
export {
  defaultZuperSettings,
  type ZuperEmulatorSettings,
  zuperEmulatorSettingsSchema,
  type ZuperSettingsPatch,
} from './settings.js';
export { defaultWebhookEvents, type WebhookTrigger, webhookTriggers } from './webhooks/webhook-triggers.js';

export interface StartZuperEmulatorOptions extends ZuperEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface RunningZuperEmulator {
  /** http://127.0.0.1:PORT — discovery at `${baseUrl}/api/config`, the API at `${baseUrl}/api`. */
  baseUrl: string;
  admin: ZuperEmulatorAdmin;
  close(): Promise<void>;
}

export async function startZuperEmulator(opts: StartZuperEmulatorOptions = {}): Promise<RunningZuperEmulator> {
  const { port = 0, host = '127.0.0.1', ...options } = opts;
  const { app, admin } = createZuperEmulatorApp(options);
  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { baseUrl: `http://${urlHost}:${boundPort}`, admin, close: () => app.close() };
}
