import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  DefaultLogger,
  makeTelemetryFilterString,
  Runtime,
  Worker,
  type ReplayWorkerOptions,
} from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { loadEnv } from '../../config/env.js';
import { dataConverterFromEnv } from '../../security/data-converter.js';
import { workflowBundle, workflowsPath } from '../../worker/create-worker.js';
import * as workflows from '../../workflows/index.js';
import { createActivities } from '../../activities/index.js';
import type { ActivityDeps } from '../../activities/deps.js';
import { replayTestDataConverter } from '../../harness/replay-test-key.js';

// Replay failures come back as results; the worker's own logs about them are noise here.
Runtime.install({
  logger: new DefaultLogger('ERROR', () => undefined),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }), forward: {} } },
});

const folder = fileURLToPath(new URL('../../../test/histories/', import.meta.url));

interface Recorded {
  workflowId: string;
  file: string;
  type: string;
  history: unknown;
}

async function loadHistories(): Promise<Recorded[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const history = JSON.parse(await readFile(folder + file, 'utf8')) as {
        events: { workflowExecutionStartedEventAttributes?: { workflowType: { name: string } } }[];
      };
      const type = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType.name ?? '?';
      return { workflowId: file.replace(/\.json$/, ''), file, type, history };
    }),
  );
}

/** Replays every history; returns each one's error (undefined when it replayed cleanly). */
async function replay(options: ReplayWorkerOptions, recorded: Recorded[]) {
  const errors = new Map<string, Error | undefined>();
  const results = Worker.runReplayHistories(
    options,
    recorded.map(({ workflowId, history }) => ({ workflowId, history })),
  );
  for await (const result of results) errors.set(result.workflowId, result.error);
  return errors;
}

describe('replay of committed workflow histories (test/histories)', () => {
  let recorded: Recorded[];
  before(async () => {
    recorded = await loadHistories();
  });

  it('replays every history against the current workflow code with the service data converter', async () => {
    const errors = await replay(
      {
        workflowBundle: await workflowBundle(),
        dataConverter: replayTestDataConverter(),
        replayName: 'committed histories',
      },
      recorded,
    );
    assert.equal(errors.size, recorded.length);
    const failed = [...errors]
      .filter(([, error]) => error)
      .map(([id, error]) => `${id}: ${error?.name}: ${error?.message}`);
    assert.deepEqual(
      failed,
      [],
      'a workflow change that breaks open runs needs patched() (see test/histories/README.md)',
    );
  });

  it('covers every workflow type the worker registers', () => {
    assert.deepEqual([...new Set(recorded.map((r) => r.type))].sort(), Object.keys(workflows).sort());
  });

  it('registers every activity a committed history schedules, so its open runs find their activities', () => {
    const scheduled = recorded.flatMap(({ history }) =>
      (history as { events: { activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[] }).events
        .map((event) => event.activityTaskScheduledEventAttributes?.activityType.name)
        .filter((name): name is string => name !== undefined),
    );
    // Only the names are read: binding the activities to their dependencies calls none of them.
    const registered = Object.keys(createActivities({} as ActivityDeps));
    assert.ok(scheduled.includes('watchQboAdjustments') && scheduled.includes('watchUnannouncedChanges'));
    assert.deepEqual(
      [...new Set(scheduled)].filter((name) => !registered.includes(name)),
      [],
    );
  });

  it('fails every history when the workflow code issues other commands (a timer added up front)', async () => {
    const errors = await replay(
      {
        workflowsPath,
        interceptors: { workflowModules: [fileURLToPath(new URL('./extra-sleep-interceptor.js', import.meta.url))] },
        dataConverter: replayTestDataConverter(),
        replayName: 'changed code',
      },
      recorded,
    );
    const caught = [...errors.values()].filter((error) => error instanceof DeterminismViolationError);
    assert.equal(caught.length, recorded.length);
  });

  it('cannot replay the encrypted histories with another key', async () => {
    const otherKey = dataConverterFromEnv(
      loadEnv({ SECRETS_KEY: randomBytes(32).toString('base64'), SECRETS_KEY_ID: 'replay-test-only' }),
    );
    const errors = await replay(
      { workflowBundle: await workflowBundle(), dataConverter: otherKey },
      recorded.slice(0, 1),
    );
    const error = errors.get(recorded[0]!.workflowId);
    // The decryption error is itself a failure, so its message travels encrypted (under the wrong key) too: the
    // replay fails on the task's input, not on determinism, and no clear text of it reaches the error.
    assert.match(error?.message ?? 'replayed', /workflow task failure.*message: "Encoded failure"/s);
    assert.ok(!(error instanceof DeterminismViolationError));
  });
});
