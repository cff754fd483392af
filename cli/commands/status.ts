import { connectionStatusSchema, statusAnswerSchema } from '../../operator/contract/status.js';
import { ok, type Command } from '../command.js';
import { anyNeedsAttention, formatConnectionStatus, formatStatus, needsAttention } from '../format/status.js';

export const statusCommand: Command = {
  name: 'status',
  summary:
    'Connections, credential health, last reconciliation, open failures and metered reads this month (exit 1 when something needs attention)',
  arguments: ['[id]'],
  usage: ['status [id]'],
  async run(c) {
    const [id] = c.args;
    if (id) {
      const one = await c.api('GET', `/connections/${encodeURIComponent(id)}/status`, connectionStatusSchema);
      return ok(one, formatConnectionStatus(one), needsAttention(one));
    }
    const all = await c.api('GET', '/status', statusAnswerSchema);
    return ok(all, formatStatus(all), anyNeedsAttention(all));
  },
};
