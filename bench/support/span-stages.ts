import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../harness/otlp-receiver.js';
import { summarize } from './percentiles.js';
import type { StageTiming } from './report.js';

/**
 * Where a span sits in a propagation, for ordering the table as the work flows: the webhook request, the outbox, the
 * workflow starts and signals, workflow runs and their handlers, activity schedules and executions, API calls.
 */
const flowOrder: [RegExp, number][] = [
  [/^POST \/webhooks\//, 0],
  [/^intake outbox wait$/, 1],
  [/^intake hand-off$/, 2],
  [/^(StartWorkflow|SignalWithStartWorkflow|SignalWorkflow|UpdateWithStartWorkflow|StartWorkflowUpdate):/, 3],
  [/^RunWorkflow:/, 4],
  [/^(HandleSignal|HandleUpdate|ValidateUpdate):/, 5],
  [/^StartActivity:/, 6],
  [/^RunActivity:/, 7],
];

/** The stage a span measures: its name, with the system in front for an outbound API call (`zuper GET /product/{id}`). */
function stageOf(span: ReceivedSpan): string {
  const system = span.attributes['sync.system'];
  return typeof system === 'string' ? `${system} ${span.name}` : span.name;
}

function flowRank(span: ReceivedSpan): number {
  if (typeof span.attributes['sync.system'] === 'string') return flowOrder.length;
  return flowOrder.find(([pattern]) => pattern.test(span.name))?.[1] ?? flowOrder.length + 1;
}

/**
 * Duration percentiles per stage over the spans that started within `window` (the measured part of a run: not its
 * seeding, nor the stack's shutdown), ordered as the work flows and, within a step, slowest p50 first.
 */
export function stageTimings(spans: readonly ReceivedSpan[], window: { fromMs: number; toMs: number }): StageTiming[] {
  const byStage = new Map<string, { rank: number; durations: number[] }>();
  for (const span of spans) {
    if (span.startMs < window.fromMs || span.startMs > window.toMs) continue;
    const stage = stageOf(span);
    const entry = byStage.get(stage) ?? { rank: flowRank(span), durations: [] };
    entry.durations.push(span.endMs - span.startMs);
    byStage.set(stage, entry);
  }
  return [...byStage.entries()]
    .map(([stage, { rank, durations }]) => ({ rank, timing: { stage, ...pick(summarize(durations)) } }))
    .sort((a, b) => a.rank - b.rank || b.timing.p50Ms - a.timing.p50Ms)
    .map(({ timing }) => timing);
}

const pick = (s: ReturnType<typeof summarize>) => ({ count: s.count, p50Ms: s.p50, p99Ms: s.p99 });

/**
 * Starts a stack whose processes export their spans to a collector in this process (the stage table is read from it
 * once the stack stopped and they flushed); the collector is closed again when the stack cannot start.
 */
export async function startTraced<T>(
  start: (traceTo: string) => Promise<T>,
): Promise<{ started: T; collector: OtlpReceiver }> {
  const collector = await startOtlpReceiver();
  try {
    return { started: await start(collector.url), collector };
  } catch (error) {
    await collector.close();
    throw error;
  }
}
