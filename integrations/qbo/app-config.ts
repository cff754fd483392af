import type { Env } from '../../config/env.js';
import { publicBaseUrl } from '../../config/public-url.js';
import { parseQboConfig, type QboConfig } from './config.js';

/** The OAuth app the bundled QBO emulator registers for development; never valid against Intuit. */
export const emulatorQboApp = { clientId: 'qzsync-dev-client', clientSecret: 'qzsync-dev-secret' } as const;

export const qboRedirectUri = (env: Env) => `${publicBaseUrl(env)}/oauth/qbo/callback`;

/** QBO app configuration: Intuit's endpoints with real credentials, else the local emulator's. */
export function qboConfigFromEnv(env: Env, emulatorBaseUrl: string | null): QboConfig {
  if (env.QBO_ENVIRONMENT !== 'emulator' && env.QBO_CLIENT_ID && env.QBO_CLIENT_SECRET) {
    return parseQboConfig({
      environment: env.QBO_ENVIRONMENT,
      clientId: env.QBO_CLIENT_ID,
      clientSecret: env.QBO_CLIENT_SECRET,
      redirectUri: qboRedirectUri(env),
    });
  }
  const base = emulatorBaseUrl ?? `http://127.0.0.1:${env.QBO_EMULATOR_PORT}`;
  return parseQboConfig({
    environment: 'custom',
    apiBaseUrl: base,
    authorizeUrl: `${base}/connect/oauth2`,
    tokenUrl: `${base}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${base}/oauth2/v1/tokens/revoke`,
    clientId: env.QBO_CLIENT_ID ?? emulatorQboApp.clientId,
    clientSecret: env.QBO_CLIENT_SECRET ?? emulatorQboApp.clientSecret,
    redirectUri: qboRedirectUri(env),
  });
}
