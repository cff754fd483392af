import { historyListSchema } from '../../operator/contract/history.js';
import { choiceOption, connectionArgument, numberOption, ok, stringOption, type Command } from '../command.js';
import { formatHistoryList } from '../format/history.js';

export const historyCommand: Command = {
  name: 'history',
  summary: 'Recent syncs of a connection with before → after quantities, and why failures failed',
  arguments: ['<id>'],
  usage: ['history <id> [--item <accounting or field item id>] [--kind k] [--status s] [--limit n]'],
  options: {
    item: {
      type: 'string',
      value: 'id',
      description: "Only this item: its id on either side (the accounting system's item id or the field system's)",
    },
    kind: { type: 'string', value: 'kind', description: 'item, quantity, reconcile or link' },
    status: { type: 'string', value: 'status', description: 'started, succeeded, failed or needs_attention' },
    limit: { type: 'string', value: 'n', description: 'At most n entries (default 50, at most 500)' },
  },
  async run(c) {
    const id = connectionArgument(c);
    const list = await c.api('GET', `/connections/${encodeURIComponent(id)}/history`, historyListSchema, {
      query: {
        item: stringOption(c, 'item'),
        kind: choiceOption(c, 'kind', ['item', 'quantity', 'reconcile', 'link'] as const),
        status: choiceOption(c, 'status', ['started', 'succeeded', 'failed', 'needs_attention'] as const),
        limit: numberOption(c, 'limit', { min: 1, max: 500 }),
      },
    });
    return ok(list, formatHistoryList(list));
  },
};
