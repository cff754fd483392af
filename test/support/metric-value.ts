import type { Counter, Gauge } from 'prom-client';

/** A counter's or gauge's value for exactly these labels, 0 while it has none (as Prometheus reads an absent series). */
export async function metricValue<L extends string>(
  metric: Counter<L> | Gauge<L>,
  labels: Partial<Record<L, string>> = {},
): Promise<number> {
  const wanted = Object.entries(labels);
  const { values } = await metric.get();
  const series = values.find(
    (v) => Object.keys(v.labels).length === wanted.length && wanted.every(([k, x]) => v.labels[k as L] === x),
  );
  return series?.value ?? 0;
}
