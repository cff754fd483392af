import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { quietWorkerLogs, startSecureStack, type SecureStack, type Tenant } from '../support/secure-stack.js';

quietWorkerLogs();

const run = promisify(execFile);
const reader = fileURLToPath(new URL('../support/read-sealed-credentials.js', import.meta.url));
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let stack: SecureStack;
let tenant: Tenant;
let secrets: Record<string, string>;
let rows: Record<string, unknown[]>;
let stopped = false;

before(async () => {
  stack = await startSecureStack();
  // Connecting stores everything sealed: QuickBooks tokens through the OAuth callback, the Zuper API key and a
  // generated webhook secret through the operator API.
  tenant = await stack.tenant('rest');
  secrets = await stack.secrets();
  const db = stack.ctx.store.db;
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  rows = {};
  for (const { table_name: table } of tables) rows[table] = await db.query(`SELECT * FROM "${table}"`);
  // Stopped before the tests: the files are read at rest, and other processes open the same database.
  await stack.close({ keepData: true });
  stopped = true;
});
after(async () => {
  if (!stopped) await stack.close();
  rmSync(stack.dataDir, { recursive: true, force: true });
});

/** The SHA-256 of each credential as stored, in the order the reader prints them. */
const storedHashes = () => {
  const hash = (kind: string) => sha256(secrets[`${tenant.id} ${kind}`] ?? '');
  return {
    qbo: { hashes: [hash('QBO access token'), hash('QBO refresh token')] },
    zuper: { hashes: [hash('Zuper API key'), hash('Zuper webhook secret')] },
  };
};

test('every secret was stored: both QuickBooks tokens, the Zuper API key and the webhook secret', () => {
  for (const kind of ['QBO access token', 'QBO refresh token', 'Zuper API key', 'Zuper webhook secret']) {
    assert.ok((secrets[`${tenant.id} ${kind}`] ?? '').length >= 16, `${kind} is stored`);
  }
});

test('no raw database row holds a secret in clear; the credential columns are sealed with the current key', () => {
  const text = JSON.stringify(rows);
  for (const [what, value] of Object.entries(secrets)) {
    assert.equal(text.includes(value), false, `${what} is in the database in clear`);
  }
  const credentials = (rows.connection_credentials ?? []) as {
    system: string;
    secrets_sealed: Record<string, string>;
  }[];
  const sealed = Object.fromEntries(
    credentials.flatMap((c) => Object.entries(c.secrets_sealed).map(([part, value]) => [`${c.system} ${part}`, value])),
  );
  assert.deepEqual(Object.keys(sealed).sort(), ['qbo tokens', 'zuper apiKey', 'zuper webhookSecret']);
  for (const [part, value] of Object.entries(sealed)) {
    assert.match(value, /^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/, `${part} is sealed with key k1`);
  }
  assert.ok(text.includes(tenant.id), 'the rows were read (the connection id is there)');
});

/** Every file under a folder, read as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

test('no file the service wrote holds a secret in clear, and no key or token file was written', () => {
  const files = filesUnder(stack.dataDir);
  assert.ok(files.length > 0);
  const all = Buffer.concat(files.map((f) => f.bytes));
  for (const [what, value] of Object.entries(secrets)) {
    assert.equal(all.includes(value), false, `${what} is on disk in clear`);
  }
  assert.ok(all.includes(tenant.zuper.company_name), 'the database files were scanned (the company name is there)');
  assert.equal(existsSync(join(stack.dataDir, 'dev-secrets.key')), false, 'no development key beside SECRETS_KEY');
  assert.equal(existsSync(join(stack.dataDir, 'operator-token')), false, 'no token file beside OPERATOR_TOKEN');
});

/** What another process of the service, configured by `env`, reads from the same database. */
async function readInAnotherProcess(env: Record<string, string>) {
  const { stdout } = await run(process.execPath, [reader, tenant.id], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATA_DIR: stack.dataDir,
      OPERATOR_TOKEN: randomBytes(24).toString('base64url'),
      TEMPORAL_ADDRESS: '127.0.0.1:9',
      ...env,
    },
  });
  return JSON.parse(stdout) as Record<'qbo' | 'zuper', { hashes?: string[]; error?: string }>;
}

test('a process with the right key reads them', async () => {
  assert.deepEqual(await readInAnotherProcess({ SECRETS_KEY: stack.secretsKey, SECRETS_KEY_ID: 'k1' }), storedHashes());
});

test('a process with a wrong key cannot read them, and says why', async () => {
  const wrong = randomBytes(32).toString('base64');
  const failed = 'SecretBoxError: secret sealed with key "k1" failed authentication (wrong key or tampered data)';
  assert.deepEqual(await readInAnotherProcess({ SECRETS_KEY: wrong, SECRETS_KEY_ID: 'k1' }), {
    qbo: { error: failed },
    zuper: { error: failed },
  });
  const unknown = 'SecretBoxError: secret sealed with unknown key id "k1"; add it to SECRETS_PREVIOUS_KEYS';
  assert.deepEqual(await readInAnotherProcess({ SECRETS_KEY: wrong, SECRETS_KEY_ID: 'k2' }), {
    qbo: { error: unknown },
    zuper: { error: unknown },
  });
});

test('after rotation (a new current key, the old one in SECRETS_PREVIOUS_KEYS) they still read, and move to the new key', async () => {
  const rotated = {
    SECRETS_KEY: randomBytes(32).toString('base64'),
    SECRETS_KEY_ID: 'k2',
    SECRETS_PREVIOUS_KEYS: `k0:${randomBytes(32).toString('base64')},k1:${stack.secretsKey}`,
  };
  assert.deepEqual(await readInAnotherProcess(rotated), storedHashes());
  // That process re-sealed every secret under k2 as it started, so k1 can now be retired.
  const k2Only = { SECRETS_KEY: rotated.SECRETS_KEY, SECRETS_KEY_ID: 'k2' };
  assert.deepEqual(await readInAnotherProcess(k2Only), storedHashes());
});
