import type { SystemRequestCommand, TypedOptions } from '../../integrations/system-cli.js';
import { systemClis } from '../../integrations/system-commands.js';
import { usageError } from '../cli-error.js';
import {
  connectionArgument,
  ok,
  stringOption,
  type Command,
  type CommandContext,
  type CommandOutput,
} from '../command.js';

/** What was typed, as a system's CLI parts read it; their refusals are usage errors. */
const typedOptions = (c: CommandContext): TypedOptions => ({
  string: (name) => stringOption(c, name),
  refuse: (message) => {
    throw usageError(message);
  },
});

/** Sends a system's request for one connection and answers it in the system's words. */
export async function runSystemCommand(
  c: CommandContext,
  connectionId: string,
  command: SystemRequestCommand,
): Promise<CommandOutput> {
  const { endpoint, body } = command.request(typedOptions(c));
  const path = `/connections/${encodeURIComponent(connectionId)}/${endpoint.path}`;
  const answer = await c.api(endpoint.method, path, endpoint.answer, body === undefined ? undefined : { body });
  return ok(answer, command.format(answer));
}

/** The commands systems have of their own (`qzsync <name> <id>`), as the CLI lists them. */
export const systemOwnCommands: Command[] = systemClis.flatMap((system) =>
  system.commands.map((command) => ({
    name: command.name,
    summary: command.summary,
    arguments: ['<id>'],
    usage: command.usage,
    options: command.options,
    run: (c: CommandContext) => runSystemCommand(c, connectionArgument(c), command),
  })),
);
