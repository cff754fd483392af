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

const systemAttributes = 'Name  Type\\nWorkflowType  Keyword\\nStartTime  Datetime';
const ourAttributes = [
  ['ConnectionId', 'Keyword'],
  ['QboItemId', 'Keyword'],
  ['ZuperProductUid', 'Keyword'],
  ['SyncKind', 'Keyword'],
  ['SyncOutcome', 'Keyword'],
];

/** Stand-ins for the admin-tools image: DNS answers with an IPv4 address, and a scripted `temporal` CLI. */
function namespaceStubs(temporal: string): Record<string, string> {
  return { getent: "printf '172.18.0.4      STREAM temporal\\n'", sleep: '', temporal };
}

test('namespace step on a fresh cluster creates the namespace and registers every search attribute', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(
    script,
    env,
    namespaceStubs(`case "$*" in
      *"namespace describe"*) exit 1;;
      *"search-attribute list"*) printf '${systemAttributes}\\n';;
    esac`),
  );
  assert.equal(run.status, 0, run.stderr);
  const at = '--address 172.18.0.4:7233 --namespace inventory-sync';
  assert.deepEqual(run.calls, [
    'getent ahosts temporal',
    'temporal operator cluster health --address 172.18.0.4:7233',
    `temporal operator namespace describe ${at}`,
    `temporal operator namespace create ${at} --retention 168h`,
    `temporal operator search-attribute list ${at}`,
    ...ourAttributes.map(
      ([name, type]) => `temporal operator search-attribute create ${at} --name ${name} --type ${type}`,
    ),
  ]);
});

test('namespace step re-run changes nothing when everything is registered', () => {
  const { script, env } = job('temporal-create-namespace');
  const listing = [systemAttributes, ...ourAttributes.map(([name, type]) => `${name}  ${type}`)].join('\\n');
  const run = runScript(
    script,
    env,
    namespaceStubs(`case "$*" in *"search-attribute list"*) printf '${listing}\\n';; esac`),
  );
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    run.calls.filter((call) => / create /.test(call)),
    [],
  );
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

test('namespace step gives up when the server never becomes healthy', () => {
  const { script, env } = job('temporal-create-namespace');
  const run = runScript(script, env, namespaceStubs('case "$*" in *"cluster health"*) exit 1;; esac'));
  assert.equal(run.status, 1);
  assert.equal(run.calls.filter((call) => call.startsWith('temporal operator cluster health')).length, 10);
  assert.ok(!run.calls.some((call) => call.includes('namespace create')));
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
