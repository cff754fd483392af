import { disconnectedSchema } from '../../operator/contract/connect.js';
import { connectionAndWord, ok, type Command } from '../command.js';
import { formatDisconnected } from '../format/connect.js';
import { orList } from '../format/words.js';
import { systemLabel, systems } from '../../domain/systems.js';
import { systemClis } from '../../integrations/system-commands.js';

export const disconnectCommand: Command = {
  name: 'disconnect',
  summary: `Disconnect ${orList(systemClis.map((cli) => `${systemLabel(cli.system)} ${cli.disconnectDoes}`))}`,
  arguments: ['<id>', '<system>'],
  usage: [`disconnect <id> <${systems.join('|')}>`, '  (the system may also come first: disconnect <system> <id>)'],
  async run(c) {
    const { id, word } = connectionAndWord(c, 'The system', disconnectedSchema.shape.system.options);
    const answer = await c.api('DELETE', `/connections/${encodeURIComponent(id)}/${word}`, disconnectedSchema);
    return ok(answer, formatDisconnected(answer));
  },
};
