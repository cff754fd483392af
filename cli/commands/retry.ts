import { retryAnswerSchema } from '../../operator/contract/retry.js';
import { ok, type Command } from '../command.js';
import { formatRetry } from '../format/connect.js';
import { historyIdArguments, namedHistoryEntry } from './history-id.js';

export const retryCommand: Command = {
  name: 'retry',
  summary: 'Retry a failed sync once its cause is fixed (settles, re-syncs or re-runs from the current state)',
  arguments: historyIdArguments,
  usage: ['retry [id] <history-id>'],
  async run(c) {
    const { id } = await namedHistoryEntry(c);
    const answer = await c.api('POST', `/history/${id}/retry`, retryAnswerSchema, { body: {} });
    return ok(answer, formatRetry(answer));
  },
};
