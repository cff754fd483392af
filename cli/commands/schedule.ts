import { scheduleAnswerSchema } from '../../operator/contract/schedule.js';
import { choiceArgument, ok, positionals, type Command } from '../command.js';
import { formatScheduleAnswer } from '../format/schedule.js';

export const scheduleCommand: Command = {
  name: 'schedule',
  summary: "Pause, resume, trigger or show a connection's reconciliation schedule",
  usage: ['schedule <pause|resume|trigger|show> <id>'],
  async run(c) {
    const { action, id } = positionals(c, ['action', 'id']);
    const which = choiceArgument(action, 'The action', ['pause', 'resume', 'trigger', 'show']);
    const path = `/connections/${encodeURIComponent(id)}/schedule`;
    const answer =
      which === 'show'
        ? await c.api('GET', path, scheduleAnswerSchema)
        : await c.api('POST', `${path}/${which}`, scheduleAnswerSchema, { body: {} });
    return ok(answer, formatScheduleAnswer(answer));
  },
};
