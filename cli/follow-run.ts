import { runAnswerSchema, type RunAnswer } from '../operator/contract/runs.js';
import type { CommandContext } from './command.js';

/**
 * Starts a long operation and polls until it ends, reporting progress. The start does not wait, so a refusal (an
 * unknown connection, say) is reported before any progress line claims the operation began; each poll then waits
 * up to `waitMs` on the service side, so polling costs one request per wait and never holds a request open long.
 */
export async function followRun(c: CommandContext, path: string, body: unknown, label: string): Promise<RunAnswer> {
  const started = Date.now();
  let answer = await c.api('POST', path, runAnswerSchema, { body, query: { waitMs: 0 } });
  if (answer.state === 'running') c.progress(`${label}…`);
  while (answer.state === 'running') {
    answer = await c.api('GET', `/runs/${encodeURIComponent(answer.workflowId)}`, runAnswerSchema, {
      query: { runId: answer.runId, waitMs: c.waitMs },
    });
    if (answer.state === 'running') {
      c.progress(`${label}: still running after ${Math.round((Date.now() - started) / 1000)}s (${answer.workflowId})`);
    }
  }
  return answer;
}
