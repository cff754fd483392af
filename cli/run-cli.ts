import { Command as Commander, CommanderError } from 'commander';
import { createApiClient } from './api-client.js';
import { CliError, exitCodes, usageError, type ExitCode } from './cli-error.js';
import type { Command, CommandOutput } from './command.js';
import { commands } from './commands/index.js';
import { commandHelp, globalOptions, toolHelp, usageLines } from './help.js';
import { createProgress } from './progress.js';
import { resolveTarget } from './target.js';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
  fetch?: typeof fetch;
  /** Server-side wait per request on long operations (default 20 s). */
  waitMs?: number;
}

/**
 * Commander, with its parse errors turned into usage errors in this CLI's words (naming what is missing, extra or
 * unknown) instead of commander's own text on stderr.
 */
class QzCommand extends Commander {
  override createCommand(name?: string): QzCommand {
    return new QzCommand(name);
  }

  override error(message: string, options?: { code?: string }): never {
    switch (options?.code) {
      case 'commander.missingArgument': {
        const missing = this.registeredArguments.find((a, i) => a.required && this.args[i] === undefined);
        throw usageError(`Missing <${missing?.name() ?? ''}>.`);
      }
      case 'commander.excessArguments':
        throw usageError(`Unexpected argument "${this.args[this.registeredArguments.length] ?? ''}".`);
      case 'commander.optionMissingArgument':
        throw usageError(`${/'(--\S+)/.exec(message)?.[1] ?? 'The option'} needs a value.`);
      case 'commander.unknownCommand':
        throw usageError(`Unknown command "${this.args[0] ?? ''}".`);
      default: {
        // An unknown option, with commander's "did you mean": one sentence, without commander's prefix.
        const text = message.replace(/^error: /, '').replace(/\s*\(Did you mean (.+)\?\)$/, '; did you mean $1?');
        throw usageError(`${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.?]$/.test(text) ? '' : '.'}`);
      }
    }
  }
}

/** Runs one qzsync invocation and returns its exit code; all output goes through `io`. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const json = argv.includes('--json');
  const command = commands.find((c) => c.name === argv[0]);
  let exitCode: ExitCode = exitCodes.ok;
  const program = new QzCommand('qzsync')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .configureHelp({ formatHelp: () => `${toolHelp(commands)}\n` })
    .helpOption('-h, --help', 'Show help')
    .helpCommand(false);
  program
    .command('help')
    .argument('[command]')
    .action((topic?: string) => {
      const about = topic === undefined ? undefined : commands.find((c) => c.name === topic);
      if (topic !== undefined && !about) throw usageError(`Unknown command "${topic}".`);
      io.stdout(`${about ? commandHelp(about) : toolHelp(commands)}\n`);
    });
  for (const spec of commands) {
    const sub = program.command(spec.name).description(spec.summary);
    for (const a of spec.arguments) sub.argument(a);
    for (const [name, o] of Object.entries({ ...spec.options, ...globalOptions })) {
      if (name !== 'help')
        sub.option(`--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`, o.description);
    }
    sub.configureHelp({ formatHelp: () => `${commandHelp(spec)}\n` }).action(async () => {
      const values = Object.fromEntries(
        sub.options.map((o) => [o.long?.slice(2) ?? '', sub.getOptionValue(o.attributeName()) as string | boolean]),
      );
      const output = await runCommand(spec, sub.args, values, io);
      io.stdout(`${values.json === true ? JSON.stringify(output.json, null, 2) : output.text}\n`);
      exitCode = output.exitCode;
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help asked for (exit 0), or no command at all: commander has printed the overview on stderr.
      return argv.length === 0 ? exitCodes.usage : exitCodes.ok;
    }
    if (!(error instanceof CliError)) throw error;
    return report(io, error, command, json);
  }
  return exitCode;
}

async function runCommand(
  spec: Command,
  args: string[],
  values: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<CommandOutput> {
  const json = values.json === true;
  const progress = createProgress({ write: io.stderr, isTTY: io.stderrIsTTY });
  try {
    const target = resolveTarget(io.env, typeof values.url === 'string' ? values.url : undefined);
    return await spec.run({
      args,
      values,
      api: createApiClient(target, io.fetch),
      progress: json ? () => undefined : (message) => progress.update(message),
      waitMs: io.waitMs ?? 20_000,
    });
  } finally {
    progress.done();
  }
}

function report(io: CliIo, error: CliError, command: Command | undefined, json: boolean): ExitCode {
  if (error.exitCode === exitCodes.usage && error.json === undefined) return usage(io, error.message, command, json);
  if (json) io.stdout(`${JSON.stringify(error.json ?? errorDocument(error), null, 2)}\n`);
  io.stderr(`Error: ${error.message}\n${error.fix ? `Fix: ${error.fix}\n` : ''}`);
  return error.exitCode;
}

const errorCodes: Partial<Record<ExitCode, string>> = {
  [exitCodes.unreachable]: 'unreachable',
  [exitCodes.unauthorised]: 'unauthorised',
};

const errorDocument = (error: CliError) => ({
  error: {
    code: errorCodes[error.exitCode] ?? 'failed',
    message: error.message,
    ...(error.fix ? { fix: error.fix } : {}),
  },
});

/** A usage error: what is wrong and how the command is used, exit 2. */
function usage(io: CliIo, message: string, command?: Command, json = false): ExitCode {
  if (json) io.stdout(`${JSON.stringify({ error: { code: 'usage', message } }, null, 2)}\n`);
  const how = command
    ? ['Usage:', ...usageLines(command), `Run \`qzsync ${command.name} --help\` for details.`]
    : ['Run `qzsync --help` for the commands.'];
  io.stderr(`Error: ${message}\n${how.join('\n')}\n`);
  return exitCodes.usage;
}
