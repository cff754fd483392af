import { historyDetailSchema } from '../../operator/contract/history.js';
import { ok, type Command } from '../command.js';
import { formatHistoryDetail } from '../format/history.js';
import { historyIdArgument } from './history-id.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'One history entry with everything recorded: quantities, explanation, fix, drift report or link plan',
  usage: ['show <history-id>'],
  async run(c) {
    const detail = await c.api('GET', `/history/${historyIdArgument(c)}`, historyDetailSchema);
    return ok(detail, formatHistoryDetail(detail));
  },
};
