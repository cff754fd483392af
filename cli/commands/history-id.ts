import { usageError } from '../cli-error.js';
import { positionals, type CommandContext } from '../command.js';

/** The one argument of `show` and `retry`: a history entry number as `history` lists it. */
export function historyIdArgument(c: CommandContext): number {
  const { 'history-id': raw } = positionals(c, ['history-id']);
  const id = Number(raw.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1)
    throw usageError(`<history-id> is the number \`qzsync history\` shows, not "${raw}".`);
  return id;
}
