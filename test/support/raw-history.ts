import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export interface RawHistory {
  workflowId: string;
  runId: string;
  type: string;
  history: History;
}

export interface FoundPayload {
  /** Where in the history it sits, e.g. `events[4].activityTaskScheduledEventAttributes.input.payloads[0]`. */
  path: string;
  metadata: Record<string, string>;
  data: Buffer;
}

/** Every workflow run on the task queue, with its history exactly as Temporal stores it (no codec applied). */
export async function rawHistories(client: Client, taskQueue: string): Promise<RawHistory[]> {
  const found: RawHistory[] = [];
  for await (const wf of client.workflow.list({ query: `TaskQueue="${taskQueue}"` })) {
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    found.push({ workflowId: wf.workflowId, runId: wf.runId, type: wf.type, history });
  }
  return found;
}

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !isBytes(value);

/** Every Temporal Payload in a history (anything shaped `{ metadata: {…bytes}, data: bytes }`), with its path. */
export function payloadsIn(value: unknown, path = ''): FoundPayload[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => payloadsIn(v, `${path}[${i}]`));
  if (!isRecord(value)) return [];
  if (isBytes(value.data) && isRecord(value.metadata)) {
    const metadata = Object.fromEntries(
      Object.entries(value.metadata).map(([k, v]) => [k, isBytes(v) ? Buffer.from(v).toString('utf8') : String(v)]),
    );
    return [{ path, metadata, data: Buffer.from(value.data) }];
  }
  return Object.entries(value).flatMap(([k, v]) => payloadsIn(v, path ? `${path}.${k}` : k));
}

/** All text a history holds: every string and every byte field read as UTF-8, so a plaintext value is findable. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isBytes(value)) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (isRecord(value))
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${textOf(v)}`)
      .join('\n');
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}

/** The search attributes a history sets (at start or by upserts), decoded: name → values seen. */
export function searchAttributesIn(history: History): Map<string, unknown[]> {
  const seen = new Map<string, unknown[]>();
  for (const payload of payloadsIn(history)) {
    const match = /searchAttributes\.indexedFields\.([A-Za-z0-9_]+)$/.exec(payload.path);
    if (!match?.[1]) continue;
    const values = seen.get(match[1]) ?? [];
    values.push(JSON.parse(payload.data.toString('utf8')) as unknown);
    seen.set(match[1], values);
  }
  return seen;
}
