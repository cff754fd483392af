import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * This process's Prometheus metrics, on a registry of its own rather than prom-client's global one, so nothing else
 * in the process (a library, a test) can register into or clash with the families `/metrics` serves. The metrics are
 * module-level: every service composed in one process shares them, as they share the process.
 */
export const registry = new Registry();

// Node's own figures (CPU, memory, event-loop lag, GC, handles), named like ours.
collectDefaultMetrics({ register: registry, prefix: 'qzsync_' });

/** 5 ms to 30 s: from a local database write to an API call that waited for its rate budget. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
  new Counter<L>({ name, help, labelNames, registers: [registry] });

const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
  new Gauge<L>({ name, help, labelNames, registers: [registry] });

const latency = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
  new Histogram<L>({ name, help, labelNames, buckets: latencyBuckets, registers: [registry] });

export const metrics = {
  webhooks: counter(
    'qzsync_webhooks_total',
    'Webhook deliveries by source and outcome (accepted, duplicate, or the rejection reason).',
    ['source', 'outcome'],
  ),
  zuperIgnoredEvents: counter(
    'qzsync_zuper_webhook_ignored_total',
    'Zuper deliveries acknowledged and not acted on because the sync does not need their event, by event key.',
    ['event'],
  ),
  intakeHandedOff: counter(
    'qzsync_intake_handed_off_total',
    'Stored webhook changes handed to Temporal by the intake dispatcher, by source.',
    ['source'],
  ),
  intakeWaiting: gauge(
    'qzsync_intake_waiting',
    'Webhook changes stored by this deployment and not yet handed to Temporal (grows while Temporal is unavailable).',
  ),
  settles: counter('qzsync_settles_total', 'Settle passes by connection and result.', ['connection', 'result']),
  movements: counter('qzsync_movements_total', 'Quantity movements applied by connection and target system.', [
    'connection',
    'target',
  ]),
  driftCorrected: counter(
    'qzsync_drift_corrected_total',
    'Items whose drift a reconciliation corrected, by connection.',
    ['connection'],
  ),
  apiCalls: counter('qzsync_api_calls_total', 'API calls by connection, system and HTTP status class.', [
    'connection',
    'system',
    'status',
  ]),
  qboMeteredReads: counter(
    'qzsync_qbo_metered_reads_total',
    'QuickBooks reads and queries (metered per app per month by Intuit), by connection, counted by this process.',
    ['connection'],
  ),
  qboReadsShare: gauge(
    'qzsync_qbo_metered_reads_share',
    'Share of the monthly QuickBooks read allowance the whole app has used (basis="used") or will have used at ' +
      'month-end at the current pace (basis="projected"); 0.8 and above is a warning, 1 and above stretches polling.',
    ['basis'],
  ),
  apiThrottled: counter('qzsync_api_throttled_total', 'API calls answered 429, by connection and system.', [
    'connection',
    'system',
  ]),
  tokenExpiresIn: gauge(
    'qzsync_qbo_refresh_token_expires_in_seconds',
    'Seconds until the QBO refresh token expires, by connection.',
    ['connection'],
  ),

  // Latency of each stage from a webhook to the quantity on the other side, in seconds.
  webhookRequestSeconds: latency(
    'qzsync_webhook_request_duration_seconds',
    'Time to answer a webhook request, by source and outcome (handled: 2xx, refused: 4xx, failed: 5xx).',
    ['source', 'outcome'],
  ),
  intakeWaitSeconds: latency(
    'qzsync_intake_wait_seconds',
    'Time a stored webhook change waited in the intake outbox until Temporal took its batch, by source.',
    ['source'],
  ),
  intakeStartSeconds: latency(
    'qzsync_intake_start_duration_seconds',
    'Time of the call that starts an intake batch workflow, by source and outcome (started or refused).',
    ['source', 'outcome'],
  ),
  activitySeconds: latency(
    'qzsync_activity_duration_seconds',
    'Time an activity attempt ran in this worker, by activity type and outcome (completed, failed or cancelled).',
    ['activity', 'outcome'],
  ),
  apiCallSeconds: latency(
    'qzsync_api_call_duration_seconds',
    'Time of one outbound API call (after its rate-limit wait), by system, operation (read: GET, write: other ' +
      'methods, batch: a QuickBooks batch) and HTTP status class.',
    ['system', 'operation', 'status'],
  ),
};
