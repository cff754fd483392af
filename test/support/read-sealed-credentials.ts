import { createHash } from 'node:crypto';
import { createAppContext } from '../../service/context.js';
import { loadEnv } from '../../config/env.js';
import { storedCredentials } from './stored-credentials.js';

/**
 * A separate process of the service, configured only by its environment, that tries to read one connection's sealed
 * credentials and prints, as JSON, either their SHA-256 (never the values) or the error it got.
 * Usage: node read-sealed-credentials.js <connectionId>
 */
const connectionId = process.argv[2] ?? '';
const sha256 = (values: string[]) => values.map((v) => createHash('sha256').update(v).digest('hex'));
const attempt = async (read: () => Promise<string[]>) => {
  try {
    return { hashes: sha256(await read()) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
};

const ctx = await createAppContext(loadEnv(), { lazyTemporal: true });
const connections = storedCredentials(ctx.store);
const result = {
  qbo: await attempt(async () => {
    const tokens = await connections.loadQboTokens(connectionId);
    return [tokens.accessToken, tokens.refreshToken];
  }),
  zuper: await attempt(async () => {
    const zuper = await connections.loadZuper(connectionId);
    return [zuper.apiKey, zuper.webhookSecret];
  }),
};
await ctx.close();
process.stdout.write(`${JSON.stringify(result)}\n`);
