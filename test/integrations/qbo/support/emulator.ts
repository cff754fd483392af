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
  /**
   * A second connection to the company: freshly issued tokens in their own store, and a client factory on it.
   * `believedExpiry` overrides the expiry the store records (to make a dead token look fresh).
   */
  newConnection(opts?: { oauth?: Pick<QboOAuth, 'refresh'>; believedExpiry?: Date }): {
    store: MemoryTokenStore;
    issuedRefreshToken: string;
    client(): QboClient;
  };
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
  const newConnection: EmulatorSetup['newConnection'] = (opts = {}) => {
    const issued = emu.admin.issueTokens({ clientId, realmId });
    const fresh = tokensFromResponse(issued, now(), 'issue');
    const expiry = opts.believedExpiry;
    const connection = new MemoryTokenStore(
      expiry ? { ...fresh, accessTokenExpiresAt: expiry, refreshTokenExpiresAt: expiry } : fresh,
    );
    const provider = () => createQboTokenProvider({ oauth: opts.oauth ?? oauth, store: connection, now });
    return {
      store: connection,
      issuedRefreshToken: issued.refresh_token,
      client: () => createQboClient({ config, realmId, tokens: provider(), now }),
    };
  };
  return {
    emu,
    config,
    realmId,
    oauth,
    store,
    tokens,
    client: createQboClient({ config, realmId, tokens, now }),
    clientWith,
    newConnection,
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
