import { runAnswerSchema, type RunAnswer } from '../operator/contract/runs.js';
import type { CommandContext } from './command.js';

/**
 * Starts a long operation and polls until it ends, reporting progress: each request waits up to `waitMs` on the
 * service side, so polling costs one request per wait and never holds an HTTP request open for long.
 */
export async function followRun(c: CommandContext, path: string, body: unknown, label: string): Promise<RunAnswer> {
  const started = Date.now();
  c.progress(`${label}…`);
  let answer = await c.api('POST', path, runAnswerSchema, { body, query: { waitMs: c.waitMs } });
  while (answer.state === 'running') {
    c.progress(`${label}: still running after ${Math.round((Date.now() - started) / 1000)}s (${answer.workflowId})`);
    answer = await c.api('GET', `/runs/${encodeURIComponent(answer.workflowId)}`, runAnswerSchema, {
      query: { runId: answer.runId, waitMs: c.waitMs },
    });
  }
  return answer;
}
