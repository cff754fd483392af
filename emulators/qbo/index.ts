import { createQboEmulatorApp } from './app.js';
import type { QboEmulatorAdmin } from './admin.js';
import type { QboEmulatorOptions } from './emulator.js';

export { createQboEmulatorApp, type QboEmulatorApp } from './app.js';
export { QboEmulatorAdmin, AdminError, type EmulatorCounters } from './admin.js';
export type { QboEmulatorOptions } from './emulator.js';
export type { QboEmulatorSettings, QboSettingsPatch } from './settings.js';
export { defaultQboSettings } from './settings.js';
export { adjustStockInQbo, sellOnInvoice, type InvoiceSale } from './sell-on-invoice.js';
export type { OAuthApp, OAuthAppInput } from './oauth-apps.js';
export type { TokenResponse } from './oauth-store.js';

export interface StartQboEmulatorOptions extends QboEmulatorOptions {
  port?: number;
  host?: string;
}

export interface RunningQboEmulator {
  /** `http://127.0.0.1:PORT`; the accounting API is at `${baseUrl}/v3/company/{realmId}/…`. */
  baseUrl: string;
  admin: QboEmulatorAdmin;
  close(): Promise<void>;
}

/** Starts the QBO emulator on `host:port` (defaults 127.0.0.1 and an ephemeral port). */
export async function startQboEmulator(opts: StartQboEmulatorOptions = {}): Promise<RunningQboEmulator> {
  const { app, admin } = createQboEmulatorApp(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { baseUrl: `http://${shownHost}:${port}`, admin, close: () => app.close() };
}
