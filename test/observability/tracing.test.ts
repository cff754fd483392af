import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { composeService, type ComposedService } from '../../app/compose.js';
import { loadEnv } from '../../config/env.js';
import { startLinkRun } from '../../client/runs.js';
import { itemQuantityWorkflowId } from '../../client/workflow-ids.js';
import { sellOnInvoice } from '../../emulators/qbo/index.js';
import { seedConnection, type BenchConnection } from '../../harness/connection.js';
import { BENCH_QBO_VERIFIER, startBenchEmulators, type BenchEmulators } from '../../harness/emulators.js';
import { startOtlpReceiver, type OtlpReceiver } from '../../harness/otlp-receiver.js';
import { eventually } from '../support/eventually.js';
import { serviceProcessEnv } from '../server/support.js';

Runtime.install({ logger: new DefaultLogger('WARN') });

/** The service with its HTTP intake, as `npm run server` composes it, with `vars` added to the test environment. */
function composeIntake(vars: Record<string, string>, more: Partial<Parameters<typeof composeService>[0]> = {}) {
  const env = loadEnv({ ...serviceProcessEnv(), TEMPORAL_TASK_QUEUE: `tracing-${randomUUID()}`, ...vars });
  return composeService({
    env,
    lazyTemporal: true,
    http: { host: '127.0.0.1', port: 0, server: { logger: false } },
    ...more,
  });
}

/** A webhook request the intake refuses (no such connection): enough for a request span. */
const postRefusedWebhook = (service: ComposedService) =>
  fetch(`${service.http!.url}/webhooks/zuper/nobody`, { method: 'POST', body: '{}' });

describe('tracing off and on', () => {
  let receiver: OtlpReceiver;
  before(async () => {
    receiver = await startOtlpReceiver();
  });
  after(() => receiver.close());

  it('without OTEL_EXPORTER_OTLP_ENDPOINT starts nothing: no tracer provider, no propagator, nothing exported', async () => {
    const service = await composeIntake({});
    try {
      assert.equal(service.ctx.tracing, null);
      await postRefusedWebhook(service);
      assert.equal(trace.getTracer('probe').startSpan('probe').isRecording(), false, 'the API is its no-op');
      assert.deepEqual(propagation.fields(), [], 'no trace-context propagator');
    } finally {
      await service.stop();
    }
    assert.deepEqual(receiver.requests(), []);
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT exports spans there over OTLP/HTTP, with the service name', async () => {
    const service = await composeIntake({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'tracing-test',
    });
    try {
      assert.ok(service.ctx.tracing);
      assert.equal((await postRefusedWebhook(service)).status, 404);
    } finally {
      await service.stop(); // flushes the batch of spans
    }
    assert.ok(receiver.requests().some((r) => r.path === '/v1/traces' && r.contentType === 'application/json'));
    const span = receiver.spans().find((s) => s.name === 'POST /webhooks/zuper/:connectionId');
    assert.ok(
      span,
      `spans received: ${receiver
        .spans()
        .map((s) => s.name)
        .join(', ')}`,
    );
    assert.equal(span.serviceName, 'tracing-test');
    assert.equal(span.attributes['http.response.status_code'], 404);
    assert.deepEqual(propagation.fields(), [], 'stopping the service unregistered tracing');
  });
});

describe('one webhook → quantity propagation', () => {
  const exporter = new InMemorySpanExporter();
  let emulators: BenchEmulators;
  let service: ComposedService;
  let connection: BenchConnection;

  before(async () => {
    emulators = await startBenchEmulators({ timeScale: 1, zuperPlanPerMinute: 10_000 });
    emulators.setRateLimits(false);
    service = await composeIntake(
      { ITEM_IDLE_TIMEOUT: '1s', QBO_ENVIRONMENT: 'emulator' },
      {
        qboEmulatorUrl: emulators.qbo.baseUrl,
        lazyTemporal: false,
        worker: true,
        drainMs: 15_000,
        spanExporter: exporter,
        http: {
          host: '127.0.0.1',
          port: 0,
          server: { logger: false, webhookSigningKeys: { qbo: BENCH_QBO_VERIFIER } },
        },
      },
    );
    emulators.sendQboWebhooksTo(`${service.http!.url}/webhooks/qbo`);
    connection = await seedConnection(service.ctx, emulators, {
      connectionId: `trace-${randomUUID().slice(0, 8)}`,
      master: 'qbo',
      zuperWebhooks: false,
    });
  });
  after(async () => {
    await service.stop();
    await emulators.close();
  });

  it('is one trace: webhook request → outbox → intake workflow → item workflow → activities → both APIs', async () => {
    const { ctx } = service;
    const [itemId] = emulators.qbo.admin.seedItems(connection.realmId, { count: 1, qtyOnHand: 50 }) as [string];
    const link = await startLinkRun(
      { client: ctx.temporal, taskQueue: ctx.env.TEMPORAL_TASK_QUEUE },
      connection.connectionId,
      false,
    );
    await link.result();
    const linked = await ctx.store.links.get(connection.connectionId, itemId);
    assert.ok(linked);
    // The link's own item workflow ends after its idle time; the sale must start a fresh one.
    const itemWorkflow = ctx.temporal.workflow.getHandle(itemQuantityWorkflowId(connection.connectionId, itemId));
    await eventually(
      () =>
        itemWorkflow.describe().then(
          (d) => d.status.name,
          () => 'NEVER_STARTED',
        ),
      (status) => status !== 'RUNNING',
    );
    exporter.reset();

    sellOnInvoice(emulators.qbo.admin, connection.realmId, { itemId, qty: 3, unitPrice: 10 });
    await eventually(
      () => Number(emulators.zuper.admin.product(connection.zuperCompany, linked.fieldItemId)?.quantity),
      (qty) => qty === 47,
    );
    const request = await eventually(
      () => exporter.getFinishedSpans().find((s) => s.name === 'POST /webhooks/qbo'),
      (span) => span !== undefined,
    );
    const traceId = request!.spanContext().traceId;
    const inTrace = () => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    // The item workflow's run span ends when it does, after its idle time.
    const spans = await eventually(inTrace, (all) => all.some((s) => s.name === 'RunWorkflow:itemQuantityWorkflow'));

    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => (s.parentSpanId === undefined ? undefined : byId.get(s.parentSpanId));
    const chain = (s: ReadableSpan): string[] => {
      const parent = parentOf(s);
      return parent ? [...chain(parent), s.name] : [s.name];
    };
    for (const s of spans) {
      assert.equal(chain(s)[0], 'POST /webhooks/qbo', `${s.name} reaches the webhook request through its parents`);
    }
    const outbound = (system: string) =>
      spans.find((s) => s.attributes['sync.system'] === system && s.attributes['http.response.status_code'] === 200);
    const zuperCall = outbound('zuper');
    assert.ok(outbound('qbo'), 'a QuickBooks API call');
    assert.ok(zuperCall, 'a Zuper API call');
    const path = chain(zuperCall);
    for (const step of [
      'POST /webhooks/qbo',
      'intake hand-off',
      'StartWorkflow:intakeBatchWorkflow',
      'RunWorkflow:intakeBatchWorkflow',
      'SignalWithStartWorkflow:itemQuantityWorkflow',
      'RunWorkflow:itemQuantityWorkflow',
    ]) {
      assert.ok(path.includes(step), `${step} on the way to the Zuper write: ${path.join(' → ')}`);
    }
    assert.match(path.at(-2)!, /^RunActivity:/, 'the API call is the child of an activity execution');
    assert.ok(spans.some((s) => s.name === 'intake outbox wait'));
  });
});
