import type { RunAnswer } from '../../operator/contract/runs.js';
import { ok, type CommandOutput } from '../command.js';
import { formatDriftReport } from '../format/drift-report.js';
import { formatLinkResult } from '../format/link-result.js';

/** The end of a link or reconcile run: its report, exit 1 when it failed or left items needing attention. */
export function runOutput(answer: RunAnswer): CommandOutput {
  switch (answer.state) {
    case 'failed': {
      const { explanation, fix } = answer.failure;
      return ok(
        answer,
        [`The ${answer.kind} run ${answer.workflowId} failed: ${explanation}`, ...(fix ? [`Fix: ${fix}`] : [])].join(
          '\n',
        ),
        true,
      );
    }
    case 'completed':
      return answer.kind === 'link'
        ? ok(answer, formatLinkResult(answer.connectionId, answer.result), answer.result.failed.length > 0)
        : ok(
            answer,
            `Reconciliation of ${answer.connectionId} (${answer.workflowId}):\n${formatDriftReport(answer.result)}`,
            answer.result.failed > 0 || answer.result.missing.length > 0,
          );
    case 'running':
      return ok(answer, `${answer.workflowId} is still running.`, true);
  }
}
