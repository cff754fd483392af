import type { Env } from '../config/env.js';
import { qboConfigFromEnv } from './qbo/app-config.js';
import type { QboConfig } from './qbo/config.js';

/**
 * The service's own registration with each system that connects it as an app (QuickBooks Online's OAuth client and
 * endpoints), built once per process from the environment.
 */
export interface SystemApps {
  qbo: QboConfig;
}

/** Each system's app from the environment; `qboEmulatorUrl` points QuickBooks at an emulator run elsewhere. */
export const systemAppsFromEnv = (env: Env, options: { qboEmulatorUrl: string | null }): SystemApps => ({
  qbo: qboConfigFromEnv(env, options.qboEmulatorUrl),
});
