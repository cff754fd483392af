import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { z } from 'zod';
import proto from '@temporalio/proto';
import { allSearchAttributes } from '../workflows/search-attributes.js';
import { spawnSupervised, type SupervisedProcess } from './supervised.js';
import {
  ClusterSetupError,
  ensureTemporalServer,
  TEMPORAL_SERVER_VERSION,
  type TemporalServerBinaries,
} from './cluster-server.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { portIsFree } from './ports.js';
import { outputKeeper } from './output-keeper.js';

/**
 * A real Temporal cluster on one machine: N server processes (every service in each) on PostgreSQL with SQL
 * visibility, set up by the same scripts the compose services run (deploy/temporal/scripts).
 */

const deployScript = (name: string) => fileURLToPath(new URL(`../../deploy/temporal/scripts/${name}`, import.meta.url));
const dynamicConfig = fileURLToPath(
  new URL('../../deploy/temporal/dynamicconfig/development-sql.yaml', import.meta.url),
);

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** Where the Temporal databases go: DATABASE_URL's PostgreSQL server, by default the local one. */
export function postgresServerOf(databaseUrl: string | undefined): PostgresServer {
  const url = new URL(databaseUrl ?? 'postgres://root@127.0.0.1:5432/postgres');
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}

export interface ClusterDatabases {
  temporal: string;
  visibility: string;
}

/** Runs a deploy script; its last error line becomes the one-line failure. */
function runDeployScript(name: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('sh', [deployScript(name)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr = outputKeeper();
    child.stdout.on('data', (chunk: Buffer) =>
      chunk
        .toString()
        .trimEnd()
        .split('\n')
        .forEach((l) => log(`  ${l}`)),
    );
    child.stderr.on('data', (chunk: Buffer) => stderr.add(chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? done()
        : fail(new ClusterSetupError(stderr.text().split('\n').at(-1) ?? `${name} failed (exit ${code})`)),
    );
  });
}

/** Creates the databases if missing and migrates their schemas (re-run safe): deploy/.../setup-postgres.sh. */
export function setupClusterDatabases(
  binaries: TemporalServerBinaries,
  postgres: PostgresServer,
  databases: ClusterDatabases,
  log: (line: string) => void,
): Promise<void> {
  return runDeployScript(
    'setup-postgres.sh',
    {
      PATH: `${binaries.toolsDir}:${process.env.PATH ?? ''}`,
      SQL_HOST: postgres.host,
      SQL_PORT: String(postgres.port),
      SQL_USER: postgres.user,
      SQL_PASSWORD: postgres.password,
      TEMPORAL_SCHEMA_DIR: binaries.schemaDir,
      TEMPORAL_DB: databases.temporal,
      TEMPORAL_VISIBILITY_DB: databases.visibility,
    },
    log,
  );
}

/** Creates the namespace and registers the app's search attributes once the cluster serves: create-namespace.sh. */
export function registerNamespace(
  cliPath: string,
  address: string,
  namespace: string,
  log: (line: string) => void,
): Promise<void> {
  return runDeployScript(
    'create-namespace.sh',
    {
      PATH: `${resolve(cliPath, '..')}:${process.env.PATH ?? ''}`,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_NAMESPACE_RETENTION: '168h',
      SEARCH_ATTRIBUTES: allSearchAttributes.map((key) => `${key.name}=Keyword`).join(' '),
    },
    log,
  );
}

/**
 * Ports of node `index` (0-based): a block of 100 from basePort + 100·index, gRPC at its start, membership 50 above.
 * The cluster_membership table stores ports as smallint: every port must stay below 32768.
 */
export function nodePorts(basePort: number, index: number) {
  const grpc = basePort + 100 * index;
  const membership = grpc + 50;
  return {
    frontend: { grpcPort: grpc, membershipPort: membership, httpPort: grpc + 10 },
    history: { grpcPort: grpc + 1, membershipPort: membership + 1 },
    matching: { grpcPort: grpc + 2, membershipPort: membership + 2 },
    worker: { grpcPort: grpc + 6, membershipPort: membership + 6 },
  };
}

/**
 * One node's server configuration, derived from the module's config/development-postgres12.yaml. Written as JSON,
 * which the server's YAML loader reads as well.
 */
export function nodeConfig(options: {
  postgres: PostgresServer;
  databases: ClusterDatabases;
  basePort: number;
  index: number;
}) {
  const { postgres, databases } = options;
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${postgres.host}:${postgres.port}`,
      connectProtocol: 'tcp',
      user: postgres.user,
      password: postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const rpc = <Ports extends object>(ports: Ports) => ({ rpc: { ...ports, bindOnLocalHost: true } });
  const ports = nodePorts(options.basePort, options.index);
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      // Fixed when the cluster is first created; every node must agree.
      numHistoryShards: 4,
      datastores: { default: store(databases.temporal, 20), visibility: store(databases.visibility, 10) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: {
      frontend: rpc(ports.frontend),
      history: rpc(ports.history),
      matching: rpc(ports.matching),
      worker: rpc(ports.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${nodePorts(options.basePort, 0).frontend.grpcPort}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfig, pollInterval: '10s' },
  };
}

const logLineSchema = z.object({ level: z.string(), msg: z.string(), error: z.string().optional() });

/** "message: error" of a fatal or error line of the server's JSON log, else null. */
function fatalReason(line: string): string | null {
  try {
    const parsed = logLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success || !['fatal', 'error'].includes(parsed.data.level)) return null;
    return parsed.data.error ? `${parsed.data.msg}: ${parsed.data.error}` : parsed.data.msg;
  } catch {
    return null;
  }
}

/** Turns a node's fatal log into one line that says what to do. */
export function nodeFailure(log: string, logFile: string, databases: ClusterDatabases): string {
  if (/version mismatch|unable to read DB schema version/.test(log)) {
    return `The Temporal schema in ${databases.temporal}/${databases.visibility} is older than server ${TEMPORAL_SERVER_VERSION} needs: run npm run cluster (it migrates with deploy/temporal/scripts/setup-postgres.sh), then retry`;
  }
  if (/password authentication failed|role "[^"]*" does not exist/.test(log)) {
    return 'PostgreSQL refused the Temporal server: check the user and password in DATABASE_URL';
  }
  if (/address already in use/.test(log)) {
    return `A port of this node is taken (see ${logFile}): stop what listens there, or choose another TEMPORAL_ADDRESS port`;
  }
  const lines = log.trim().split('\n');
  const reason = lines.map(fatalReason).findLast((found) => found !== null) ?? lines.at(-1) ?? 'no output';
  return `The Temporal server stopped: ${reason} (full log: ${logFile})`;
}

export interface ClusterNode {
  index: number;
  address: string;
  /** Starts the node (again) and waits until its frontend serves. */
  start(): Promise<void>;
  /** SIGKILL, as a crash: no graceful hand-off of shards. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Waits until a frontend reports SERVING and reaches persistence (a cluster without enough hosts does not). */
async function waitServing(address: string, running: () => boolean, failure: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!running()) throw new ClusterSetupError(failure());
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        const { status } = await connection.healthService.check({
          service: 'temporal.api.workflowservice.v1.WorkflowService',
        });
        if (status === proto.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING) {
          await connection.workflowService.listNamespaces({ pageSize: 1 });
          return;
        }
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) {
        throw new ClusterSetupError(`Temporal at ${address} did not serve within 90 s: ${(error as Error).message}`);
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function clusterNode(options: {
  binaries: TemporalServerBinaries;
  dir: string;
  postgres: PostgresServer;
  databases: ClusterDatabases;
  basePort: number;
  index: number;
}): ClusterNode {
  const root = join(options.dir, `node-${options.index + 1}`);
  mkdirSync(join(root, 'config'), { recursive: true });
  writeFileSync(join(root, 'config', 'node.yaml'), JSON.stringify(nodeConfig(options), null, 2));
  const logFile = join(root, 'server.log');
  const pidFile = join(root, 'server.pid');
  const address = `127.0.0.1:${nodePorts(options.basePort, options.index).frontend.grpcPort}`;
  let server: SupervisedProcess | null = null;
  const running = () => server !== null && server.process.exitCode === null;
  const failure = () =>
    nodeFailure(existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-8000) : '', logFile, options.databases);
  return {
    index: options.index,
    address,
    async start() {
      writeFileSync(logFile, '');
      // The pid file names the server itself (exec keeps the shell's pid), so kill() can crash it alone.
      server = spawnSupervised(
        'sh',
        [
          '-c',
          'echo $$ > "$1"; log=$2; shift 2; exec "$@" >> "$log" 2>&1',
          'node',
          pidFile,
          logFile,
          options.binaries.server,
          '--root',
          root,
          '--config',
          'config',
          '--env',
          'node',
          '--allow-no-auth',
          'start',
        ],
        { stdout: 'ignore', stderr: 'ignore' },
      );
      await waitServing(address, running, failure);
    },
    async kill() {
      if (!running() || !server) return;
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      await server.exited;
    },
    async stop() {
      await server?.stop();
    },
  };
}

export interface RunningCluster {
  /** Node 1's frontend: where clients and workers connect. */
  address: string;
  nodes: ClusterNode[];
  stop(): Promise<void>;
}

/** Sets up the databases, starts the nodes one after another, and registers the namespace. */
export async function startCluster(options: {
  binaries: TemporalServerBinaries;
  cliPath: string;
  dir: string;
  postgres: PostgresServer;
  databases: ClusterDatabases;
  basePort: number;
  nodes: number;
  namespace: string;
  log: (line: string) => void;
}): Promise<RunningCluster> {
  await setupClusterDatabases(options.binaries, options.postgres, options.databases, options.log);
  const nodes = Array.from({ length: options.nodes }, (_, index) => clusterNode({ ...options, index }));
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (const node of nodes) {
      await node.start();
      options.log(`  node ${node.index + 1} serves at ${node.address}`);
    }
    await registerNamespace(options.cliPath, nodes[0]!.address, options.namespace, options.log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address: nodes[0]!.address, nodes, stop };
}

export interface ScratchCluster extends RunningCluster {
  databases: ClusterDatabases;
  binaries: TemporalServerBinaries;
  /** Crashes node `index` (SIGKILL) and starts it again: the shards and task queues it held move and come back. */
  crashAndRestartNode(index: number): Promise<void>;
}

/** A base port whose block (every service and membership port of every node) is free now, below 32768. */
async function freeBasePort(nodes: number): Promise<number> {
  for (;;) {
    const base = 10_000 + 1000 * Math.floor(Math.random() * 20);
    const ports = Array.from({ length: nodes }, (_, i) => nodePorts(base, i)).flatMap((node) =>
      Object.values(node).flatMap((service) => Object.values(service)),
    );
    if ((await Promise.all(ports.map((port) => portIsFree('127.0.0.1', port)))).every(Boolean)) return base;
  }
}

/**
 * A throwaway cluster for tests, chaos and bench runs: free ports, databases of its own on `databaseUrl`'s server
 * (dropped on stop), the `default` namespace. `beforeStart` can prepare the databases first.
 */
export async function startScratchCluster(options: {
  databaseUrl: string;
  nodes: number;
  log: (line: string) => void;
  beforeStart?: (binaries: TemporalServerBinaries, databases: ClusterDatabases) => Promise<void>;
}): Promise<ScratchCluster> {
  const suffix = randomBytes(4).toString('hex');
  const databases = { temporal: `qzs_cluster_${suffix}`, visibility: `qzs_cluster_${suffix}_visibility` };
  const dir = await mkdtemp(join(tmpdir(), 'temporal-cluster-'));
  const binaries = await ensureTemporalServer(options.log);
  const dropAll = async () => {
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    for (const name of Object.values(databases)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await options.beforeStart?.(binaries, databases);
    const cluster = await startCluster({
      binaries,
      cliPath: await ensureTemporalCli(options.log),
      dir,
      postgres: postgresServerOf(options.databaseUrl),
      databases,
      basePort: await freeBasePort(options.nodes),
      nodes: options.nodes,
      namespace: 'default',
      log: options.log,
    });
    return {
      ...cluster,
      databases,
      binaries,
      async crashAndRestartNode(index) {
        const node = cluster.nodes[index];
        if (!node) throw new Error(`no node ${index} in a ${cluster.nodes.length}-node cluster`);
        await node.kill();
        await node.start();
      },
      async stop() {
        await cluster.stop();
        await dropAll();
      },
    };
  } catch (error) {
    await dropAll();
    throw error;
  }
}
