import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../service/context.js';
import type { Listener } from '../../storage/db.js';
import { openDb } from '../../storage/db.js';
import { migrate, createStore, type Store } from '../../integrations/store.js';
import { createIntakeDispatcher, type IntakeDispatcher } from '../../server/webhooks/intake-dispatcher.js';
import { createPostgresDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { testSecretBox } from '../support/secrets.js';
import { openTestContext } from './support.js';

/** Longer than any test here: a hand-off can only follow a wake-up, never a poll. */
const NEVER_POLL = { listening: 3_600_000, reconnecting: 3_600_000 };
const LISTENER_NAME = 'listen webhook_deliveries_claimable';

let ctx: AppContext;
before(async () => {
  ctx = await openTestContext();
});
after(() => ctx.close());

/** A dispatcher over `store` that never polls, and its listener once it has subscribed. */
function listeningDispatcher(store: Store) {
  let listener: Listener | undefined;
  const observed: Store = {
    ...store,
    webhookDeliveries: {
      ...store.webhookDeliveries,
      listen(onClaimable) {
        listener = store.webhookDeliveries.listen(onClaimable);
        return listener;
      },
    },
  };
  const silent = () => undefined;
  const dispatcher = createIntakeDispatcher({
    store: observed,
    temporal: ctx.temporal,
    taskQueue: ctx.env.TEMPORAL_TASK_QUEUE,
    log: { debug: silent, info: silent, warn: silent, error: silent },
    startTimeoutMs: 5_000,
    retentionMs: 3_600_000,
    idlePollMs: NEVER_POLL,
  });
  const listening = () => eventually(() => listener?.listening ?? false, Boolean, 20_000, 'listening');
  return { dispatcher, listening };
}

/**
 * Stores deliveries one by one through `writer`, each once the previous one was handed off by `reader`'s dispatcher,
 * which by then has nothing left to do but wait for the next wake-up.
 */
async function eachHandedOff(writer: Store, reader: Store, count: number) {
  const connectionId = `wake-${randomUUID()}`;
  for (let i = 0; i < count; i++) {
    const deliveryId = `${connectionId}-${i}`;
    await writer.webhookDeliveries.accept('zuper', [
      {
        deliveryId,
        connectionId,
        change: { connectionId, event: 'product.update', productUid: `p-${i}`, invoiceUid: null },
      },
    ]);
    await eventually(
      () => reader.webhookDeliveries.handedOffIn('zuper', deliveryId),
      (batch) => batch !== null,
      20_000,
      `delivery ${i} handed off`,
    );
  }
}

async function whileRunning(dispatcher: IntakeDispatcher, run: () => Promise<void>) {
  dispatcher.start();
  try {
    await run();
  } finally {
    await dispatcher.stop();
  }
}

test('PGlite: deliveries the process stores wake its dispatcher, which never polls', async () => {
  const { dispatcher, listening } = listeningDispatcher(ctx.store);
  await whileRunning(dispatcher, async () => {
    await listening();
    await eachHandedOff(ctx.store, ctx.store, 3);
  });
});

describe('PostgreSQL: two server replicas over one database', { skip: !process.env.DATABASE_URL }, () => {
  let writer: Store;
  let reader: Store;
  let drop: () => Promise<void>;
  before(async () => {
    const database = await createPostgresDatabase(process.env.DATABASE_URL!);
    const [writerDb, readerDb] = await Promise.all(
      [0, 1].map(() => openDb({ databaseUrl: database.url, dataDir: 'memory', poolSize: 2 })),
    );
    await migrate(writerDb!);
    writer = createStore(writerDb!, testSecretBox());
    reader = createStore(readerDb!, testSecretBox());
    drop = async () => {
      await Promise.all([writerDb!.close(), readerDb!.close()]);
      await database.drop();
    };
  });
  after(() => drop());

  const listenerPids = async () =>
    (
      await reader.db.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [LISTENER_NAME],
      )
    ).map((r) => r.pid);

  test('a delivery one replica stores is handed off by the other, woken by its notification', async () => {
    const { dispatcher, listening } = listeningDispatcher(reader);
    await whileRunning(dispatcher, async () => {
      await listening();
      await eachHandedOff(writer, reader, 3);
    });
  });

  test('a listener whose connection is terminated reconnects and hears the next deliveries', async () => {
    const { dispatcher, listening } = listeningDispatcher(reader);
    await whileRunning(dispatcher, async () => {
      await listening();
      const [pid] = await listenerPids();
      assert.ok(pid, 'the listener has a connection of its own');
      await writer.db.query('SELECT pg_terminate_backend($1)', [pid]);
      await eventually(listenerPids, (pids) => pids.length === 1 && pids[0] !== pid, 20_000, 'a new listener');
      await listening();
      await eachHandedOff(writer, reader, 3);
    });
  });
});
