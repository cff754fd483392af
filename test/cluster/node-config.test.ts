import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeConfig, nodeFailure, nodePorts, postgresServerOf } from '../../scripts/cluster-nodes.js';

const databases = { temporal: 'temporal', visibility: 'temporal_visibility' };

test('nodes on one machine get distinct ports, membership ports included, all below the smallint limit', () => {
  const ports = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((index) =>
    Object.values(nodePorts(7233, index)).flatMap((service) => Object.values(service)),
  );
  assert.equal(new Set(ports).size, ports.length);
  assert.ok(ports.every((port) => port < 32_768));
  assert.deepEqual(nodePorts(7233, 0).frontend, { grpcPort: 7233, membershipPort: 7283, httpPort: 7243 });
});

test('a node config uses SQL persistence and visibility on the given server and a loopback broadcast address', () => {
  const postgres = postgresServerOf('postgres://app:s%40cret@db.local:6543/inventory');
  assert.deepEqual(postgres, { host: 'db.local', port: 6543, user: 'app', password: 's@cret' });
  const config = nodeConfig({ postgres, databases, basePort: 7233, index: 1 });
  assert.equal(config.persistence.datastores.default.sql.pluginName, 'postgres12');
  assert.equal(config.persistence.datastores.visibility.sql.databaseName, 'temporal_visibility');
  assert.equal(config.persistence.datastores.default.sql.connectAddr, 'db.local:6543');
  assert.equal(config.global.membership.broadcastAddress, '127.0.0.1');
  assert.equal(config.services.frontend.rpc.grpcPort, 7333);
  assert.equal(config.clusterMetadata.clusterInformation.active.rpcAddress, '127.0.0.1:7233', 'node 1 for all');
  assert.match(config.dynamicConfigClient.filepath, /deploy\/temporal\/dynamicconfig\/development-sql\.yaml$/);
});

test('the local PostgreSQL is the default', () => {
  assert.deepEqual(postgresServerOf(undefined), { host: '127.0.0.1', port: 5432, user: 'root', password: '' });
});

test("a node's fatal log becomes one line that says what to do", () => {
  const fatal = (error: string) =>
    `{"level":"info","msg":"starting"}\n{"level":"fatal","msg":"sql schema version compatibility check failed","error":"${error}"}`;
  const older = nodeFailure(
    fatal(
      'version mismatch for keyspace/database: \\"t\\". Expected version: 1.18 cannot be greater than Actual version: 1.10',
    ),
    '/tmp/n/server.log',
    databases,
  );
  assert.match(
    older,
    /^The Temporal schema in temporal\/temporal_visibility is older than server 1\.29\.1 needs: run npm run cluster/,
  );
  assert.match(
    nodeFailure(fatal('pq: password authentication failed for user \\"x\\"'), 'l', databases),
    /DATABASE_URL/,
  );
  assert.equal(
    nodeFailure(fatal('something else'), '/tmp/n/server.log', databases),
    'The Temporal server stopped: sql schema version compatibility check failed: something else (full log: /tmp/n/server.log)',
  );
  for (const message of [older]) assert.ok(!message.includes('\n'));
});
