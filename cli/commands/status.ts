import { connectionStatusSchema, statusAnswerSchema } from '../../operator/contract/status.js';
import { usageError } from '../cli-error.js';
import { ok, type Command } from '../command.js';
import { formatConnectionStatus, formatStatus, needsAttention } from '../format/status.js';

export const statusCommand: Command = {
  name: 'status',
  summary:
    'Connections, QuickBooks token health, last reconciliation and open failures (exit 1 when something needs attention)',
  usage: ['status [id]'],
  async run(c) {
    if (c.positionals.length > 1) throw usageError(`Unexpected argument "${c.positionals[1]}".`);
    const [id] = c.positionals;
    if (id) {
      const one = await c.api('GET', `/connections/${encodeURIComponent(id)}/status`, connectionStatusSchema);
      return ok(one, formatConnectionStatus(one), needsAttention(one));
    }
    const all = await c.api('GET', '/status', statusAnswerSchema);
    return ok(all, formatStatus(all), all.connections.some(needsAttention));
  },
};
