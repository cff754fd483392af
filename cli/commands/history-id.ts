import { historyDetailSchema, type HistoryDetail } from '../../operator/contract/history.js';
import { CliError, exitCodes, usageError } from '../cli-error.js';
import type { CommandContext } from '../command.js';

/** The arguments of `show` and `retry`: an optional connection first, then a history entry number as `history` lists it. */
export const historyIdArguments = ['<history-id>', '[history-id]'];

/**
 * The entry the arguments name, read from the service; with a connection given, the entry must belong to it, so
 * `qzsync show demo 2` never shows (or retries) another connection's entry.
 */
export async function namedHistoryEntry(c: CommandContext): Promise<HistoryDetail> {
  const [first = '', second] = c.args;
  const [connectionId, raw] = second === undefined ? [undefined, first] : [first, second];
  const id = Number(raw.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1)
    throw usageError(`<history-id> is the number \`qzsync history\` shows, not "${raw}".`);
  const detail = await c.api('GET', `/history/${id}`, historyDetailSchema);
  if (connectionId !== undefined && detail.connectionId !== connectionId) {
    throw new CliError(
      exitCodes.failed,
      `History entry #${id} belongs to connection ${detail.connectionId}, not ${connectionId}.`,
      `Run \`qzsync history ${connectionId}\` for the entries of ${connectionId}.`,
    );
  }
  return detail;
}
