import { Agent, request } from 'node:http';

export interface LoadResult {
  /** Requests sent (fewer than asked when the time bound ended the run). */
  sent: number;
  /** Real milliseconds from the first request to the last answer. */
  elapsedMs: number;
  /** Response time of each request, in milliseconds. */
  latenciesMs: number[];
  statuses: Map<number, number>;
  /** Parsed JSON answers (null when not JSON). */
  bodies: unknown[];
}

/**
 * POSTs up to `count` requests built by `build(i)` with at most `concurrency` in flight over keep-alive connections;
 * no new request starts after `maxMs`.
 */
export async function postLoad(
  url: string,
  limits: { count: number; concurrency: number; maxMs: number },
  build: (i: number) => { body: string; headers: Record<string, string> },
): Promise<LoadResult> {
  const { count, concurrency } = limits;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const result: LoadResult = { sent: 0, elapsedMs: 0, latenciesMs: [], statuses: new Map(), bodies: [] };
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const { body, headers } = build(i);
      const started = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            result.latenciesMs.push(performance.now() - started);
            result.statuses.set(res.statusCode ?? 0, (result.statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            try {
              result.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch {
              result.bodies.push(null);
            }
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  const deadline = started + limits.maxMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && performance.now() < deadline) await one(next++);
    }),
  );
  result.elapsedMs = performance.now() - started;
  result.sent = result.latenciesMs.length;
  agent.destroy();
  return result;
}
