import { disconnectedSchema } from '../../operator/contract/connect.js';
import { choiceArgument, ok, positionals, type Command } from '../command.js';
import { formatDisconnected } from '../format/connect.js';

export const disconnectCommand: Command = {
  name: 'disconnect',
  summary: 'Disconnect QuickBooks (revokes the authorisation) or Zuper (removes our webhooks, forgets the key)',
  usage: ['disconnect <qbo|zuper> <id>'],
  async run(c) {
    const { system, id } = positionals(c, ['system', 'id']);
    const which = choiceArgument(system, 'The system', ['qbo', 'zuper']);
    const answer = await c.api('DELETE', `/connections/${encodeURIComponent(id)}/${which}`, disconnectedSchema);
    return ok(answer, formatDisconnected(answer));
  },
};
