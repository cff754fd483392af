/** A small Prometheus registry: counters and gauges with labels, rendered in the text exposition format. */
type Labels = Record<string, string>;

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

const families = new Map<string, Family>();

const keyOf = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');

function family(name: string, help: string, type: Family['type']): Family {
  let f = families.get(name);
  if (!f) {
    f = { help, type, values: new Map() };
    families.set(name, f);
  }
  return f;
}

export function counter(name: string, help: string) {
  const f = family(name, help, 'counter');
  return {
    inc(labels: Labels = {}, by = 1) {
      const key = keyOf(labels);
      const entry = f.values.get(key) ?? { labels, value: 0 };
      entry.value += by;
      f.values.set(key, entry);
    },
    value: (labels: Labels = {}) => f.values.get(keyOf(labels))?.value ?? 0,
  };
}

export function gauge(name: string, help: string) {
  const f = family(name, help, 'gauge');
  return {
    set(labels: Labels, value: number) {
      f.values.set(keyOf(labels), { labels, value });
    },
    value: (labels: Labels = {}) => f.values.get(keyOf(labels))?.value ?? 0,
  };
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderMetrics(): string {
  const lines: string[] = [];
  for (const [name, f] of families) {
    lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
    for (const { labels, value } of f.values.values()) {
      const rendered = Object.entries(labels)
        .map(([k, v]) => `${k}="${escape(v)}"`)
        .join(',');
      lines.push(`${name}${rendered ? `{${rendered}}` : ''} ${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const metrics = {
  webhooks: counter(
    'qzsync_webhooks_total',
    'Webhook deliveries by source and outcome (accepted, duplicate, or the rejection reason).',
  ),
  zuperIgnoredEvents: counter(
    'qzsync_zuper_webhook_ignored_total',
    'Zuper deliveries acknowledged and not acted on because the sync does not need their event, by event key.',
  ),
  intakeHandedOff: counter(
    'qzsync_intake_handed_off_total',
    'Stored webhook changes handed to Temporal by the intake dispatcher, by source.',
  ),
  intakeWaiting: gauge(
    'qzsync_intake_waiting',
    'Webhook changes stored by this deployment and not yet handed to Temporal (grows while Temporal is unavailable).',
  ),
  settles: counter('qzsync_settles_total', 'Settle passes by connection and result.'),
  movements: counter('qzsync_movements_total', 'Quantity movements applied by connection and target system.'),
  driftCorrected: counter(
    'qzsync_drift_corrected_total',
    'Items whose drift a reconciliation corrected, by connection.',
  ),
  apiCalls: counter('qzsync_api_calls_total', 'API calls by connection, system and HTTP status class.'),
  qboMeteredReads: counter(
    'qzsync_qbo_metered_reads_total',
    'QuickBooks reads and queries (metered per app per month by Intuit), by connection, counted by this process.',
  ),
  qboReadsShare: gauge(
    'qzsync_qbo_metered_reads_share',
    'Share of the monthly QuickBooks read allowance the whole app has used (basis="used") or will have used at ' +
      'month-end at the current pace (basis="projected"); 0.8 and above is a warning, 1 and above stretches polling.',
  ),
  apiThrottled: counter('qzsync_api_throttled_total', 'API calls answered 429, by connection and system.'),
  tokenExpiresIn: gauge(
    'qzsync_qbo_refresh_token_expires_in_seconds',
    'Seconds until the QBO refresh token expires, by connection.',
  ),
};
