import { ok, type Command } from '../command.js';
import { formatHistoryDetail } from '../format/history.js';
import { historyIdArguments, namedHistoryEntry } from './history-id.js';

export const showCommand: Command = {
  name: 'show',
  summary: 'One history entry with everything recorded: quantities, explanation, fix, drift report or link plan',
  arguments: historyIdArguments,
  usage: ['show [id] <history-id>'],
  async run(c) {
    const detail = await namedHistoryEntry(c);
    return ok(detail, formatHistoryDetail(detail));
  },
};
