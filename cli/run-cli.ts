import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createApiClient } from './api-client.js';
import { CliError, exitCodes, type ExitCode } from './cli-error.js';
import type { Command, OptionSpec } from './command.js';
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

const parseOptions = (options: Record<string, OptionSpec & { short?: string }>): ParseArgsConfig['options'] =>
  Object.fromEntries(
    Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
  );

/** Runs one qzsync invocation and returns its exit code; all output goes through `io`. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands.find((c) => c.name === topic);
    if (topic !== undefined && !command) return usage(io, `Unknown command "${topic}".`);
    (name === undefined ? io.stderr : io.stdout)(`${command ? commandHelp(command) : toolHelp(commands)}\n`);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return usage(io, `Unknown command "${name}".`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: parseOptions({ ...command.options, ...globalOptions }),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usage(io, error instanceof Error ? error.message : String(error), command, rest.includes('--json'));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout(`${commandHelp(command)}\n`);
    return exitCodes.ok;
  }
  const json = values.json === true;
  const progress = createProgress({ write: io.stderr, isTTY: io.stderrIsTTY });
  try {
    const target = resolveTarget(io.env, typeof values.url === 'string' ? values.url : undefined);
    const output = await command.run({
      positionals,
      values,
      api: createApiClient(target, io.fetch),
      progress: json ? () => undefined : (message) => progress.update(message),
      waitMs: io.waitMs ?? 20_000,
    });
    progress.done();
    io.stdout(`${json ? JSON.stringify(output.json, null, 2) : output.text}\n`);
    return output.exitCode;
  } catch (error) {
    progress.done();
    if (!(error instanceof CliError)) throw error;
    if (error.exitCode === exitCodes.usage && error.json === undefined) return usage(io, error.message, command, json);
    if (json) io.stdout(`${JSON.stringify(error.json ?? errorDocument(error), null, 2)}\n`);
    io.stderr(`Error: ${error.message}\n${error.fix ? `Fix: ${error.fix}\n` : ''}`);
    return error.exitCode;
  }
}

const errorDocument = (error: CliError) => ({
  error: {
    code: error.exitCode === exitCodes.unreachable ? 'unreachable' : 'failed',
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
