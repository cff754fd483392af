import { scheduleAnswerSchema } from '../../operator/contract/schedule.js';
import { connectionAndWord, ok, type Command } from '../command.js';
import { formatScheduleAnswer } from '../format/schedule.js';

export const scheduleCommand: Command = {
  name: 'schedule',
  summary: "Pause, resume, trigger or show a connection's reconciliation schedule",
  arguments: ['<id>', '<action>'],
  usage: ['schedule <id> <pause|resume|trigger|show>', '  (the action may also come first: schedule pause <id>)'],
  async run(c) {
    const { id, word } = connectionAndWord(c, 'The action', ['pause', 'resume', 'trigger', 'show'] as const);
    const path = `/connections/${encodeURIComponent(id)}/schedule`;
    const answer =
      word === 'show'
        ? await c.api('GET', path, scheduleAnswerSchema)
        : await c.api('POST', `${path}/${word}`, scheduleAnswerSchema, { body: {} });
    return ok(answer, formatScheduleAnswer(answer));
  },
};
