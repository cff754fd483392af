import { systemLabel } from '../../domain/systems.js';
import { systemClis } from '../../integrations/system-commands.js';
import { connectionAndWord, type Command } from '../command.js';
import { runSystemCommand } from './system-command.js';
import { orList } from '../format/words.js';

const systems = systemClis.map((cli) => cli.system);

export const connectCommand: Command = {
  name: 'connect',
  summary: `Connect ${orList(systemClis.map((cli) => `${systemLabel(cli.system)} ${cli.connect.does}`))}`,
  arguments: ['<id>', '<system>'],
  usage: [
    ...systemClis.map((cli) => `connect <id> ${cli.system}${cli.connect.usage ? ` ${cli.connect.usage}` : ''}`),
    `  (the system may also come first: connect ${systems[0]} <id>)`,
  ],
  options: Object.fromEntries(systemClis.flatMap((cli) => Object.entries(cli.connect.options))),
  async run(c) {
    const { id, word } = connectionAndWord(c, 'The system', systems);
    return runSystemCommand(c, id, systemClis.find((cli) => cli.system === word)!.connect);
  },
};
