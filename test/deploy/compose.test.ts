import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  composeText,
  definedValues,
  hostPathOf,
  loadCompose,
  parsePort,
  parseVolume,
  readRepoFile,
  repoRoot,
  service,
  variableUses,
  testSecrets,
} from './compose-file.js';
import { envSchema, loadEnv } from '../../config/env.js';

const compose = loadCompose(testSecrets);
const appImage = 'qbo-zuper-inventory-sync:local';
const adminTools = 'temporalio/admin-tools:1.29.1-tctl-1.18.4-cli-1.5.0';

const imagesOf = (file: typeof compose) =>
  Object.fromEntries(Object.entries(file.services).map(([name, svc]) => [name, svc.image]));

test('every service runs a pinned image, and only worker and server are built from the Dockerfile', () => {
  assert.deepEqual(imagesOf(compose), {
    postgresql: 'postgres:16',
    'temporal-admin-tools': adminTools,
    temporal: 'temporalio/server:1.29.1',
    'temporal-create-namespace': adminTools,
    'temporal-ui': 'temporalio/ui:2.34.0',
    'temporal-ui-codec': 'nginx:1.27-alpine',
    worker: appImage,
    server: appImage,
  });
  const built = Object.entries(compose.services).filter(([, svc]) => svc.build !== undefined);
  assert.deepEqual(
    built.map(([name, svc]) => [name, svc.build]),
    [
      ['worker', { context: '.', dockerfile: 'Dockerfile' }],
      ['server', { context: '.', dockerfile: 'Dockerfile' }],
    ],
  );
});

test('image versions are variables with defaults', () => {
  const overridden = loadCompose({
    ...testSecrets,
    POSTGRESQL_VERSION: '17',
    TEMPORAL_VERSION: '1.30.1',
    TEMPORAL_ADMINTOOLS_VERSION: '1.30.1',
    TEMPORAL_UI_VERSION: '2.49.1',
    NGINX_VERSION: '1.29-alpine',
    APP_IMAGE: 'registry.example/sync:1.2.3',
  });
  assert.deepEqual(imagesOf(overridden), {
    postgresql: 'postgres:17',
    'temporal-admin-tools': 'temporalio/admin-tools:1.30.1',
    temporal: 'temporalio/server:1.30.1',
    'temporal-create-namespace': 'temporalio/admin-tools:1.30.1',
    'temporal-ui': 'temporalio/ui:2.49.1',
    'temporal-ui-codec': 'nginx:1.29-alpine',
    worker: 'registry.example/sync:1.2.3',
    server: 'registry.example/sync:1.2.3',
  });
});

test('secrets have no defaults: compose refuses to start without each one', () => {
  const required = [...variableUses(composeText())].filter(([, use]) => use.required).map(([name]) => name);
  assert.deepEqual(required.sort(), Object.keys(testSecrets).sort());
  for (const name of Object.keys(testSecrets)) {
    assert.throws(
      () => loadCompose({ ...testSecrets, [name]: '' }),
      new RegExp(`required variable ${name} is missing`),
    );
  }
});

const passThrough = [
  'CONSOLE_PASSWORD',
  'CONSOLE_USERNAME',
  'ITEM_IDLE_TIMEOUT',
  'LOG_LEVEL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_SERVICE_NAME',
  'QBO_CLIENT_ID',
  'QBO_CLIENT_SECRET',
  'QBO_ENVIRONMENT',
  'QBO_WEBHOOK_VERIFIER_TOKEN',
  'RECONCILE_INTERVAL',
  'SECRETS_KEY_ID',
  'SECRETS_PREVIOUS_KEYS',
  'TEMPORAL_METRICS_ADDRESS',
  'TEMPORAL_TASK_QUEUE',
  'WORKER_HEAP_GROWING_PERCENT',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'ZUPER_ACCOUNTS_URL',
];

test('worker and server share the image, the build and the app environment', () => {
  const worker = service(compose, 'worker');
  const server = service(compose, 'server');
  assert.equal(worker.image, server.image);
  assert.deepEqual(worker.build, server.build);
  assert.deepEqual(worker.environment, server.environment);
  const env = worker.environment;
  assert.deepEqual(
    Object.entries(env)
      .filter(([, value]) => value === null)
      .map(([name]) => name)
      .sort(),
    passThrough,
  );
  assert.deepEqual(Object.fromEntries(Object.entries(env).filter(([name]) => !passThrough.includes(name))), {
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://inventory_sync:${testSecrets.APP_DB_PASSWORD}@postgresql:5432/inventory_sync`,
    TEMPORAL_ADDRESS: 'temporal:7233',
    TEMPORAL_NAMESPACE: 'inventory-sync',
    HTTP_HOST: '0.0.0.0',
    HTTP_PORT: '3000',
    PUBLIC_BASE_URL: 'http://localhost:3000',
    SECRETS_KEY: testSecrets.SECRETS_KEY,
    OPERATOR_TOKEN: testSecrets.OPERATOR_TOKEN,
    CODEC_TOKEN: testSecrets.CODEC_TOKEN,
    CODEC_ALLOWED_ORIGINS: 'http://localhost:8080,http://127.0.0.1:8080',
  });
  const db = new URL(env.DATABASE_URL ?? '');
  assert.ok(compose.services[db.hostname], 'DATABASE_URL host is a compose service');
  assert.ok(compose.services[(env.TEMPORAL_ADDRESS ?? '').split(':')[0] ?? ''], 'TEMPORAL_ADDRESS host is a service');
});

test("the app environment is one the app's own configuration accepts in production", () => {
  const env = service(compose, 'worker').environment;
  for (const name of Object.keys(env)) assert.ok(name in envSchema.shape, `${name} is an app setting`);
  const loaded = loadEnv(definedValues(env));
  assert.equal(loaded.NODE_ENV, 'production');
  assert.equal(loaded.DATABASE_URL, env.DATABASE_URL);
  // Reachable through the published port only when bound to every interface of the container.
  assert.equal(loaded.HTTP_HOST, '0.0.0.0');
  assert.equal(String(loaded.HTTP_PORT), service(compose, 'server').ports.map(parsePort)[0]?.target);
});

test('worker and server run the compiled entry points that package.json names', () => {
  const scripts = z
    .object({ scripts: z.record(z.string(), z.string()) })
    .parse(JSON.parse(readRepoFile('package.json'))).scripts;
  assert.deepEqual(service(compose, 'worker').command, ['node', 'dist/app/worker-main.js']);
  assert.deepEqual(service(compose, 'server').command, ['node', 'dist/app/server-main.js']);
  assert.equal(scripts.worker, 'node dist/app/worker-main.js');
  assert.equal(scripts.server, 'node dist/app/server-main.js');
});

test('workers scale with --scale: no container names, no host ports; the server publishes 3000', () => {
  const named = Object.entries(compose.services).filter(([, svc]) => svc.container_name !== undefined);
  assert.deepEqual(named, []);
  assert.deepEqual(service(compose, 'worker').ports, []);
  assert.deepEqual(service(compose, 'server').ports.map(parsePort), [{ published: '3000', target: '3000' }]);
});

test('start order: postgres healthy → schema setup completed → temporal serving → namespace completed → app and UI', () => {
  const dependencies = Object.fromEntries(
    Object.entries(compose.services).map(([name, svc]) => [
      name,
      Object.fromEntries(Object.entries(svc.depends_on).map(([on, { condition }]) => [on, condition])),
    ]),
  );
  const app = { postgresql: 'service_healthy', 'temporal-create-namespace': 'service_completed_successfully' };
  assert.deepEqual(dependencies, {
    postgresql: {},
    'temporal-admin-tools': { postgresql: 'service_healthy' },
    temporal: { 'temporal-admin-tools': 'service_completed_successfully' },
    'temporal-create-namespace': { temporal: 'service_healthy' },
    'temporal-ui': { 'temporal-create-namespace': 'service_completed_successfully' },
    'temporal-ui-codec': { server: 'service_started' },
    worker: app,
    server: app,
  });
  // A healthy-condition target needs a healthcheck; a completed-condition target must be a one-shot job.
  for (const svc of Object.values(compose.services)) {
    for (const [on, { condition }] of Object.entries(svc.depends_on)) {
      const target = service(compose, on);
      if (condition === 'service_healthy') assert.ok(target.healthcheck, `${on} has a healthcheck`);
      if (condition === 'service_completed_successfully')
        assert.match(target.restart ?? 'no', /^(no|on-failure(:\d+)?)$/, `${on} runs once`);
    }
  }
});

test('healthchecks: pg_isready over TCP, a serving Temporal cluster (not an open port), and the server /readyz', () => {
  assert.deepEqual(service(compose, 'postgresql').healthcheck?.test, [
    'CMD-SHELL',
    'pg_isready -h 127.0.0.1 -U "$POSTGRES_USER" -d postgres',
  ]);
  const temporal = service(compose, 'temporal').healthcheck?.test ?? [];
  assert.equal(temporal[0], 'CMD-SHELL');
  assert.match(temporal[1] ?? '', /^temporal operator cluster health --address 127\.0\.0\.1:7233 && /);
  assert.match(temporal[1] ?? '', /temporal operator namespace list/, 'reaches persistence, so the cluster serves');
  const probe = service(compose, 'server').healthcheck?.test ?? [];
  assert.deepEqual(probe.slice(0, 3), ['CMD', 'node', '-e']);
  assert.match(probe[3] ?? '', /'http:\/\/127\.0\.0\.1:3000\/readyz'/);
});

async function listen(status: number): Promise<{ port: number; close: () => Promise<void> }> {
  const http = createServer((request, response) => {
    response.statusCode = request.url === '/readyz' ? status : 404;
    response.end();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    port,
    close: () => {
      http.closeAllConnections();
      return new Promise((resolve) => http.close(() => resolve()));
    },
  };
}

/** Runs the compose healthcheck script with its port swapped for the test server's ephemeral one. */
async function probeExitCode(port: number): Promise<number | null> {
  const script = (service(compose, 'server').healthcheck?.test[3] ?? '').replace(':3000/', `:${port}/`);
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', resolve));
}

test('the server healthcheck passes only when /readyz answers 2xx', async () => {
  for (const [status, exitCode] of [
    [200, 0],
    [503, 1],
  ] as const) {
    const server = await listen(status);
    try {
      assert.equal(await probeExitCode(server.port), exitCode, `status ${status}`);
    } finally {
      await server.close();
    }
  }
  const stopped = await listen(200);
  await stopped.close();
  assert.equal(await probeExitCode(stopped.port), 1, 'nothing listening');
});

test('temporal runs on postgres12 with the mounted dynamic config, as the schema step set it up', () => {
  const temporal = service(compose, 'temporal');
  const env = temporal.environment;
  assert.equal(env.DB, 'postgres12');
  assert.equal(env.DB_PORT, '5432');
  assert.equal(env.POSTGRES_SEEDS, 'postgresql');
  assert.equal(env.BIND_ON_IP, '0.0.0.0');
  assert.equal(env.POSTGRES_PWD, testSecrets.POSTGRES_PASSWORD);
  const superuser = service(compose, 'postgresql').environment.POSTGRES_USER;
  assert.equal(superuser, 'temporal');
  assert.equal(env.POSTGRES_USER, superuser);
  const schemaStep = service(compose, 'temporal-admin-tools').environment;
  assert.deepEqual([schemaStep.SQL_USER, schemaStep.SQL_PASSWORD], [superuser, testSecrets.POSTGRES_PASSWORD]);

  // The server resolves DYNAMIC_CONFIG_FILE_PATH against /etc/temporal.
  const configFile = hostPathOf(temporal, `/etc/temporal/${env.DYNAMIC_CONFIG_FILE_PATH ?? ''}`);
  assert.equal(configFile, './deploy/temporal/dynamicconfig/development-sql.yaml');
  const dynamicConfig = z
    .record(z.string(), z.array(z.object({ value: z.unknown() })))
    .parse(parse(readRepoFile(configFile)));
  assert.equal(dynamicConfig['limit.maxIDLength']?.[0]?.value, 255);
  assert.deepEqual(temporal.ports.map(parsePort), [{ hostIp: '127.0.0.1', published: '7233', target: '7233' }]);
});

test('the namespace step registers the custom search attributes with their types', () => {
  const env = service(compose, 'temporal-create-namespace').environment;
  assert.equal(env.TEMPORAL_ADDRESS, 'temporal:7233');
  assert.equal(env.TEMPORAL_NAMESPACE, service(compose, 'worker').environment.TEMPORAL_NAMESPACE);
  const attributes = Object.fromEntries(
    (env.SEARCH_ATTRIBUTES ?? '').split(/\s+/).map((pair) => {
      const [name = '', type = ''] = pair.split('=');
      return [name, type] as const;
    }),
  );
  assert.deepEqual(attributes, {
    ConnectionId: 'Keyword',
    AccountingItemId: 'Keyword',
    FieldItemId: 'Keyword',
    QboItemId: 'Keyword',
    ZuperProductUid: 'Keyword',
    SyncKind: 'Keyword',
    SyncOutcome: 'Keyword',
  });
});

test('the UI points at temporal and at the codec proxy the browser reaches, forwarding no UI credentials', () => {
  const ui = service(compose, 'temporal-ui');
  assert.equal(ui.environment.TEMPORAL_ADDRESS, 'temporal:7233');
  assert.equal(ui.environment.TEMPORAL_DEFAULT_NAMESPACE, service(compose, 'server').environment.TEMPORAL_NAMESPACE);
  const codec = new URL(ui.environment.TEMPORAL_CODEC_ENDPOINT ?? '');
  assert.equal(codec.href, 'http://localhost:8081/codec');
  const proxy = service(compose, 'temporal-ui-codec');
  assert.deepEqual(proxy.ports.map(parsePort), [{ hostIp: '127.0.0.1', published: codec.port, target: '8081' }]);
  assert.equal(ui.environment.TEMPORAL_CODEC_PASS_ACCESS_TOKEN, 'false');
  assert.equal(ui.environment.TEMPORAL_CODEC_INCLUDE_CREDENTIALS, 'false');
  assert.deepEqual(ui.ports.map(parsePort), [{ hostIp: '127.0.0.1', published: '8080', target: '8080' }]);
});

test('the codec proxy adds the codec token for the UI origins the server allows, and forwards only /codec/', () => {
  const proxy = service(compose, 'temporal-ui-codec');
  const server = service(compose, 'server').environment;
  assert.deepEqual(proxy.volumes.map(parseVolume), [
    { source: './deploy/codec-proxy', target: '/etc/nginx/templates', readOnly: true },
  ]);
  assert.equal(proxy.environment.CODEC_TOKEN, server.CODEC_TOKEN);
  const conf = readRepoFile('deploy/codec-proxy/codec.conf.template');
  const origins = [...conf.matchAll(/^\s*"(http[^"]+)" 1;$/gm)].map(([, origin]) => origin);
  assert.deepEqual(origins, server.CODEC_ALLOWED_ORIGINS?.split(','));
  assert.deepEqual(origins, ['http://localhost:8080', 'http://127.0.0.1:8080'], 'the UI under both names');
  assert.match(conf, /^\s*default 0;$/m, 'other origins (and none) are refused');
  assert.deepEqual(
    [...conf.matchAll(/^\s*location (\S+) \{/gm)].map(([, path]) => path),
    ['/codec/', '/'],
  );
  assert.match(conf, /if \(\$codec_origin_allowed = 0\) \{\s*return 403;/);
  assert.match(conf, /proxy_set_header Authorization "Bearer \$\{CODEC_TOKEN\}";/);
  const upstream = /proxy_pass http:\/\/([^:;]+):(\d+);/.exec(conf);
  assert.deepEqual(upstream?.slice(1), ['server', service(compose, 'server').ports.map(parsePort)[0]?.target]);
  assert.match(conf, /return 404;/);
});

test('postgres keeps its data in a declared named volume and gets the app-database init script', () => {
  assert.deepEqual(Object.keys(compose.volumes), ['postgresql-data']);
  const postgres = service(compose, 'postgresql');
  assert.deepEqual(postgres.volumes.map(parseVolume), [
    { source: 'postgresql-data', target: '/var/lib/postgresql/data', readOnly: false },
    { source: './deploy/postgres/initdb', target: '/docker-entrypoint-initdb.d', readOnly: true },
  ]);
  assert.equal(postgres.environment.APP_DB_PASSWORD, testSecrets.APP_DB_PASSWORD);
  for (const [name, svc] of Object.entries(compose.services)) {
    for (const mount of svc.volumes.map(parseVolume)) {
      if (mount.source.startsWith('.'))
        assert.ok(existsSync(new URL(mount.source, repoRoot)), `${name}: ${mount.source}`);
      else assert.ok(mount.source in compose.volumes, `${name}: volume ${mount.source} is declared`);
    }
  }
});

test('one-shot Temporal steps run their scripts through /bin/sh from the mounted scripts folder', () => {
  for (const [name, script] of [
    ['temporal-admin-tools', './deploy/temporal/scripts/setup-postgres.sh'],
    ['temporal-create-namespace', './deploy/temporal/scripts/create-namespace.sh'],
  ] as const) {
    const svc = service(compose, name);
    assert.deepEqual(svc.entrypoint, ['/bin/sh']);
    assert.equal(svc.command?.length, 1);
    assert.equal(hostPathOf(svc, svc.command?.[0] ?? ''), script);
    assert.ok(statSync(new URL(script, repoRoot)).isFile());
  }
});

test('deploy/env.example lists every compose variable (secrets blank, the rest at defaults) and the pass-throughs', () => {
  const lines = readRepoFile('deploy/env.example').split('\n');
  const example = new Map(
    lines
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const uses = variableUses(composeText());
  assert.deepEqual([...example.keys()].sort(), [...uses.keys()].sort());
  for (const [name, use] of uses) {
    assert.equal(example.get(name), use.required ? '' : use.defaultValue, name);
  }
  const commented = lines.flatMap((line) => /^# ([A-Z_]+)=$/.exec(line)?.slice(1) ?? []);
  assert.deepEqual(commented.sort(), passThrough);
});
