import { checksAnswerSchema } from '../../operator/contract/checks.js';
import { connectionArgument, ok, type Command } from '../command.js';
import { formatChecks } from '../format/checks.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check every prerequisite in both systems and explain how to fix what fails (exit 1 when any fails)',
  arguments: ['<id>'],
  usage: ['check <id>'],
  async run(c) {
    const id = connectionArgument(c);
    const answer = await c.api('GET', `/connections/${encodeURIComponent(id)}/checks`, checksAnswerSchema);
    return ok(answer, formatChecks(answer), !answer.ok);
  },
};
