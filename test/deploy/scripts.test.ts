import { test } from 'node:test';
import assert from 'node:assert/strict';
import { definedValues, hostPathOf, loadCompose, service, testSecrets } from './compose-file.js';
import { captureStdin, runScript } from './shell-stubs.js';

const compose = loadCompose(testSecrets);

/** The script a one-shot service runs, and the environment compose gives it. */
function job(name: string): { script: string; env: Record<string, string> } {
  const svc = service(compose, name);
  return { script: hostPathOf(svc, svc.command?.[0] ?? ''), env: definedValues(svc.environment) };
}

test('schema setup creates and migrates both Temporal databases with the postgres12 plugin', () => {
  const { script, env } = job('temporal-admin-tools');
  const run = runScript(script, env, { 'temporal-sql-tool': '' });
  assert.equal(run.status, 0, run.stderr);
  const tool = 'temporal-sql-tool --plugin postgres12 --ep postgresql -p 5432';
  const schemas = '/etc/temporal/schema/postgresql/v12';
  assert.deepEqual(run.calls, [
    `${tool} --db temporal create`,
    `${tool} --db temporal setup-schema -v 0.0`,
    `${tool} --db temporal update-schema -d ${schemas}/temporal/versioned`,
    `${tool} --db temporal_visibility create`,
    `${tool} --db temporal_visibility setup-schema -v 0.0`,
    `${tool} --db temporal_visibility update-schema -d ${schemas}/visibility/versioned`,
  ]);
});

test('schema setup fails, so temporal does not start, when a migration fails', () => {
  const { script, env } = job('temporal-admin-tools');
  const run = runScript(script, env, { 'temporal-sql-tool': 'case "$*" in *update-schema*) exit 1;; esac' });
  assert.notEqual(run.status, 0);
  assert.equal(run.calls.length, 3, 'stops at the first failure');
});

test('schema setup stops with one line that says what to do on wrong credentials or an unreachable server', () => {
  const { script, env } = job('temporal-admin-tools');
  const toolLog = (error: string) =>
    `printf '%s\\n' 'ERROR sql handle: unable to refresh database connection pool {"error": "${error}"}' >&2; exit 1`;
  const refused = runScript(script, env, { 'temporal-sql-tool': toolLog('pq: role \\"temporal\\" does not exist') });
  assert.equal(refused.status, 1);
  assert.match(
    refused.stderr.trim(),
    /^PostgreSQL at postgresql:5432 refused user 'temporal': set SQL_USER\/SQL_PASSWORD [^\n]*$/,
  );
  const unreachable = runScript(script, env, { 'temporal-sql-tool': toolLog('dial tcp: connection refused') });
  assert.match(unreachable.stderr.trim(), /^PostgreSQL is not reachable at postgresql:5432: [^\n]*$/);
  const other = runScript(script, env, { 'temporal-sql-tool': toolLog('pq: permission denied to create database') });
  assert.equal(
    other.stderr.trim(),
    'temporal-sql-tool create on database temporal failed: pq: permission denied to create database',
  );
});

const systemAttributes = 'Name  Type\\nWorkflowType  Keyword\\nStartTime  Datetime';
const ourAttributes = [
  ['ConnectionId', 'Keyword'],
  ['AccountingItemId', 'Keyword'],
  ['FieldItemId', 'Keyword'],
  ['QboItemId', 'Keyword'],
  ['ZuperProductUid', 'Keyword'],
  ['SyncKind', 'Keyword'],
  ['SyncOutcome', 'Keyword'],
];

/**
 * Stand-ins for the admin-tools image: DNS answers with an IPv4 address, and a scripted `temporal` CLI. `failFirst`
 * makes the calls matching a pattern fail that many times before the scripted answer (a cluster still starting,
 * a namespace the frontend does not resolve yet); counters live in $STUB_DIR.
 */
function namespaceStubs(temporal: string, failFirst: Record<string, number> = {}): Record<string, string> {
  const failures = Object.entries(failFirst)
    .map(
      ([pattern, times], i) => `case "$*" in *"${pattern}"*)
        n=$(cat "$STUB_DIR/fail${i}" 2>/dev/null || echo 0); echo $((n + 1)) > "$STUB_DIR/fail${i}"
        if [ "$n" -lt ${times} ]; then echo "${pattern}: not yet" >&2; exit 1; fi;;
      esac`,
    )
    .join('\n');
  return { getent: "printf '172.18.0.4      STREAM temporal\\n'", sleep: '', temporal: `${failures}\n${temporal}` };
}

const at = '--address 172.18.0.4:7233 --namespace inventory-sync';
const freshCluster = `case "$*" in
  *"search-attribute list"*) printf '${systemAttributes}\\n';;
esac`;

test('namespace step on a fresh cluster: waits until it serves, creates the namespace, then every search attribute', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(script, env, namespaceStubs(freshCluster));
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.calls, [
    'getent ahosts temporal',
    'temporal operator cluster health --address 172.18.0.4:7233',
    'temporal operator namespace list --address 172.18.0.4:7233',
    `temporal operator namespace create ${at} --retention 168h`,
    `temporal operator search-attribute list ${at}`,
    ...ourAttributes.map(
      ([name, type]) => `temporal operator search-attribute create ${at} --name ${name} --type ${type}`,
    ),
  ]);
});

test('namespace step never asks for the namespace before creating it (the server caches "not found")', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(script, env, namespaceStubs(freshCluster));
  const create = run.calls.findIndex((call) => call.includes('namespace create'));
  const firstUse = run.calls.findIndex((call) => call.includes('--namespace inventory-sync'));
  assert.ok(create >= 0 && create === firstUse, run.calls.join('\n'));
});

test('namespace step waits until a new namespace resolves before registering search attributes', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(script, env, namespaceStubs(freshCluster, { 'search-attribute list': 3 }));
  assert.equal(run.status, 0, run.stderr);
  const calls = run.calls.filter((call) => call.includes('search-attribute'));
  assert.equal(calls.filter((call) => call.includes('search-attribute list')).length, 4);
  assert.equal(calls.filter((call) => call.includes('search-attribute create')).length, ourAttributes.length);
  assert.ok(calls.findIndex((call) => call.includes('create')) > 3, 'attributes only once the namespace resolves');
});

test('namespace step waits while the cluster answers health checks but does not serve yet', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(script, env, namespaceStubs(freshCluster, { 'cluster health': 2, 'namespace list': 3 }));
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.calls.filter((call) => call.includes('namespace list')).length, 4);
  const create = run.calls.findIndex((call) => call.includes('namespace create'));
  assert.ok(create > run.calls.findLastIndex((call) => call.includes('namespace list')));
});

test('namespace step re-run changes nothing when everything is registered', () => {
  const { script, env } = job('temporal-create-namespace');
  const listing = [systemAttributes, ...ourAttributes.map(([name, type]) => `${name}  ${type}`)].join('\\n');
  const run = runScript(
    script,
    env,
    namespaceStubs(`case "$*" in
      *"namespace create"*) echo 'Namespace already exists' >&2; exit 1;;
      *"search-attribute list"*) printf '${listing}\\n';;
    esac`),
  );
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    run.calls.filter((call) => / create /.test(call)),
    [`temporal operator namespace create ${at} --retention 168h`],
  );
  assert.ok(run.calls.includes(`temporal operator namespace describe ${at}`), 'an existing namespace is confirmed');
});

test('namespace step fails when an attribute exists with another type', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(
    script,
    env,
    namespaceStubs(`case "$*" in *"search-attribute list"*) printf 'ConnectionId  Text\\n';; esac`),
  );
  assert.equal(run.status, 1);
  assert.match(run.stderr, /ConnectionId is registered with another type/);
});

test('namespace step gives up after its bounded wait, with one line, when the server never serves', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(
    script,
    { ...env, TEMPORAL_WAIT_ATTEMPTS: '7' },
    namespaceStubs('case "$*" in *"cluster health"*) echo "connection refused" >&2; exit 1;; esac'),
  );
  assert.equal(run.status, 1);
  assert.equal(run.calls.filter((call) => call.startsWith('temporal operator cluster health')).length, 7);
  assert.ok(!run.calls.some((call) => call.includes('namespace create')));
  assert.equal(
    run.stderr.trim(),
    'Temporal at 172.18.0.4:7233 is not serving: gave up after 7 tries; last answer: connection refused',
  );
});

test('postgres init creates the role and database DATABASE_URL names, with the password compose passes', () => {
  const postgres = service(compose, 'postgresql');
  const script = hostPathOf(postgres, '/docker-entrypoint-initdb.d/10-create-app-database.sh');
  const run = runScript(script, definedValues(postgres.environment), { psql: captureStdin('psql') });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.calls, [
    `psql -v ON_ERROR_STOP=1 --username temporal --dbname postgres --set=app_password=${testSecrets.APP_DB_PASSWORD}`,
  ]);
  const db = new URL(service(compose, 'worker').environment.DATABASE_URL ?? '');
  const name = db.pathname.slice(1);
  assert.equal(db.username, name);
  assert.deepEqual(run.stdin.psql?.trim().split('\n'), [
    `CREATE ROLE ${db.username} LOGIN PASSWORD :'app_password';`,
    `CREATE DATABASE ${name} OWNER ${db.username};`,
  ]);
});

test('postgres init refuses to run without the app password', () => {
  const postgres = service(compose, 'postgresql');
  const script = hostPathOf(postgres, '/docker-entrypoint-initdb.d/10-create-app-database.sh');
  const run = runScript(script, { ...definedValues(postgres.environment), APP_DB_PASSWORD: '' }, { psql: '' });
  assert.notEqual(run.status, 0);
  assert.deepEqual(run.calls, []);
});
