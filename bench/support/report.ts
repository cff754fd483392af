import type { CallRow } from './call-causes.js';

/** A target a figure is judged against. */
export interface Target {
  op: '<=' | '<' | '>=' | '==';
  value: number;
}

/** One measured figure; those with a target are judged PASS or MISS. */
export interface Figure {
  /** Stable key for the JSON output, e.g. `p99Ms`. */
  key: string;
  /** What was measured, in words. */
  label: string;
  value: number;
  unit: string;
  target?: Target;
}

/** Calls per consumption on each side, one row per endpoint or cause. */
export interface CallTable {
  title: string;
  rows: CallRow[];
}

/** How long one stage of the work took, from the spans of a traced run. */
export interface StageTiming {
  /** The span name (with the system in front for an outbound API call). */
  stage: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
}

export interface BenchResult {
  name: string;
  /** What the benchmark does and under which conditions. */
  description: string;
  figures: Figure[];
  /** Per-stage durations from the run's trace spans, in the order the work flows. */
  stages?: StageTiming[];
  /** API calls per consumption, by endpoint or by cause, one table per question. */
  calls?: CallTable[];
  /** Conditions, formulas and caveats printed under the figures. */
  notes: string[];
}

export type Verdict = 'PASS' | 'MISS';

export function judge(value: number, target: Target): Verdict {
  if (Number.isNaN(value)) return 'MISS';
  const ok =
    target.op === '<='
      ? value <= target.value
      : target.op === '<'
        ? value < target.value
        : target.op === '>='
          ? value >= target.value
          : value === target.value;
  return ok ? 'PASS' : 'MISS';
}

/** PASS when every judged figure passes (a benchmark without targets passes). */
export function overall(result: BenchResult): Verdict {
  return result.figures.every((f) => !f.target || judge(f.value, f.target) === 'PASS') ? 'PASS' : 'MISS';
}

const formatNumber = (value: number) =>
  Number.isInteger(value)
    ? String(value)
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : value.toFixed(value < 10 ? 3 : 1);

const withUnit = (value: number, unit: string) => `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;

/** The human-readable block of one benchmark: a line per figure with its target and verdict, then the notes. */
export function formatResult(result: BenchResult): string {
  const width = Math.max(...result.figures.map((f) => f.label.length), 10);
  const lines = [`== ${result.name}: ${overall(result)}`, `   ${result.description}`];
  for (const f of result.figures) {
    const target = f.target
      ? `   target ${f.target.op} ${withUnit(f.target.value, f.unit)}   ${judge(f.value, f.target)}`
      : '';
    lines.push(`   ${f.label.padEnd(width)}  ${withUnit(f.value, f.unit).padStart(12)}${target}`);
  }
  if (result.stages?.length) lines.push(...formatStages(result.stages));
  for (const table of result.calls ?? []) lines.push(...formatCalls(table));
  for (const note of result.notes) lines.push(`   - ${note}`);
  return lines.join('\n');
}

/** The stage table: one line per stage with its span count, p50 and p99. */
function formatStages(stages: StageTiming[]): string[] {
  const width = Math.max(...stages.map((s) => s.stage.length), 10);
  const header = `   ${'stage (from trace spans)'.padEnd(width)}  ${'spans'.padStart(6)}  ${'p50'.padStart(10)}  ${'p99'.padStart(10)}`;
  return [
    header,
    ...stages.map(
      (s) =>
        `   ${s.stage.padEnd(width)}  ${String(s.count).padStart(6)}  ${withUnit(s.p50Ms, 'ms').padStart(10)}  ${withUnit(s.p99Ms, 'ms').padStart(10)}`,
    ),
  ];
}

/** A call table: its title, then one line per row with the calls per consumption on each side. */
function formatCalls(table: CallTable): string[] {
  const width = Math.max(...table.rows.map((r) => r.key.length), 10);
  const total = (side: 'qbo' | 'zuper') => table.rows.reduce((sum, r) => sum + r[side], 0);
  const line = (key: string, qbo: number, zuper: number) =>
    `     ${key.padEnd(width)}  ${qbo.toFixed(2).padStart(6)}  ${zuper.toFixed(2).padStart(6)}`;
  return [
    `   ${table.title}`,
    `     ${''.padEnd(width)}  ${'QBO'.padStart(6)}  ${'Zuper'.padStart(6)}`,
    ...table.rows.map((r) => line(r.key, r.qbo, r.zuper)),
    line('all', total('qbo'), total('zuper')),
  ];
}

/** One benchmark in the `--json` object. */
export function resultJson(result: BenchResult) {
  return {
    description: result.description,
    verdict: overall(result),
    figures: Object.fromEntries(
      result.figures.map((f) => [
        f.key,
        {
          label: f.label,
          value: Number.isNaN(f.value) ? null : f.value,
          unit: f.unit,
          ...(f.target ? { target: f.target, verdict: judge(f.value, f.target) } : {}),
        },
      ]),
    ),
    ...(result.stages ? { stages: result.stages } : {}),
    ...(result.calls ? { calls: result.calls } : {}),
    notes: result.notes,
  };
}

export const atMost = (value: number): Target => ({ op: '<=', value });
export const below = (value: number): Target => ({ op: '<', value });
export const atLeast = (value: number): Target => ({ op: '>=', value });
export const exactly = (value: number): Target => ({ op: '==', value });

export function figure(key: string, label: string, value: number, unit = '', target?: Target): Figure {
  return { key, label, value, unit, ...(target ? { target } : {}) };
}
