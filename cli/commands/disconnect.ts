import { disconnectedSchema } from '../../operator/contract/connect.js';
import { connectionAndWord, ok, type Command } from '../command.js';
import { formatDisconnected } from '../format/connect.js';

export const disconnectCommand: Command = {
  name: 'disconnect',
  summary:
    'Disconnect QuickBooks (revokes the authorisation), QuickBooks Desktop (deletes the Web Connector login) or Zuper ' +
    '(removes our webhooks, forgets the key)',
  arguments: ['<id>', '<system>'],
  usage: ['disconnect <id> <qbo|qbd|zuper>', '  (the system may also come first: disconnect qbd <id>)'],
  async run(c) {
    const { id, word } = connectionAndWord(c, 'The system', disconnectedSchema.shape.system.options);
    const answer = await c.api('DELETE', `/connections/${encodeURIComponent(id)}/${word}`, disconnectedSchema);
    return ok(answer, formatDisconnected(answer));
  },
};
