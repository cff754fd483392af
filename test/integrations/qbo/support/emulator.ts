import {
  startQboEmulator,
  type RunningQboEmulator,
  type StartQboEmulatorOptions,
} from '../../../../emulators/qbo/index.js';
import { createQboClient, type QboClient } from '../../../../integrations/qbo/client.js';
import { parseQboConfig, type QboConfig } from '../../../../integrations/qbo/config.js';
import { createQboOAuth, type QboOAuth } from '../../../../integrations/qbo/oauth.js';
import { createQboTokenProvider, type QboAccessTokenSource } from '../../../../integrations/qbo/token-provider.js';
import { tokensFromResponse } from '../../../../integrations/qbo/tokens.js';
import type { QboHooks } from '../../../../integrations/qbo/transport.js';
import { MemoryTokenStore } from './memory-token-store.js';

export const clientId = 'sync-app';
export const clientSecret = 'sync-secret';
export const redirectUri = 'http://127.0.0.1:3000/oauth/qbo/callback';

export interface EmulatorSetup {
  emu: RunningQboEmulator;
  config: QboConfig;
  realmId: string;
  oauth: QboOAuth;
  store: MemoryTokenStore;
  tokens: QboAccessTokenSource;
  client: QboClient;
  /** Another client for the same company with its own hooks. */
  clientWith(hooks: QboHooks): QboClient;
  close(): Promise<void>;
}

/** Config for the emulator: the same production code, pointed at it through the `custom` environment only. */
export function emulatorConfig(baseUrl: string): QboConfig {
  return parseQboConfig({
    environment: 'custom',
    clientId,
    clientSecret,
    redirectUri,
    apiBaseUrl: baseUrl,
    authorizeUrl: `${baseUrl}/connect/oauth2`,
    tokenUrl: `${baseUrl}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${baseUrl}/oauth2/v1/tokens/revoke`,
    requestTimeoutMs: 5000,
  });
}

/** An emulator with our app registered, one company, tokens issued by the admin API, and a client for it. */
export async function startEmulatorSetup(opts: StartQboEmulatorOptions = {}): Promise<EmulatorSetup> {
  const emu = await startQboEmulator({ port: 0, timeScale: 1000, ...opts });
  emu.admin.registerApp({ clientId, clientSecret, redirectUris: [redirectUri] });
  const { realmId } = emu.admin.createRealm();
  const config = emulatorConfig(emu.baseUrl);
  const now = () => emu.admin.now();
  const store = new MemoryTokenStore(tokensFromResponse(emu.admin.issueTokens({ clientId, realmId }), now(), 'issue'));
  const oauth = createQboOAuth(config, { now });
  const tokens = createQboTokenProvider({ oauth, store, now });
  const clientWith = (hooks: QboHooks) => createQboClient({ config, realmId, tokens, hooks, now });
  return {
    emu,
    config,
    realmId,
    oauth,
    store,
    tokens,
    client: createQboClient({ config, realmId, tokens, now }),
    clientWith,
    close: () => emu.close(),
  };
}

/** Resolves to what a promise rejected with; fails the test if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

export const standardAccounts = {
  IncomeAccountRef: { value: '79' },
  ExpenseAccountRef: { value: '80' },
  AssetAccountRef: { value: '81' },
};
