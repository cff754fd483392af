import type { ApiClient } from './api-client.js';
import { usageError, type ExitCode } from './cli-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help: `--limit <n>`. */
  value?: string;
}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  api: ApiClient;
  /** A progress line on stderr (long operations); silent with --json. */
  progress(message: string): void;
  /** How long each request waits on a long operation before polling again. */
  waitMs: number;
}

export interface CommandOutput {
  exitCode: ExitCode;
  /** What --json prints: the service's answer. */
  json: unknown;
  text: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string[];
  options?: Record<string, OptionSpec>;
  run(c: CommandContext): Promise<CommandOutput>;
}

/** Exactly these positional arguments, or a usage error naming what is missing or extra. */
export function positionals<N extends string>(c: CommandContext, names: readonly N[]): Record<N, string> {
  if (c.positionals.length < names.length) throw usageError(`Missing <${names[c.positionals.length]}>.`);
  if (c.positionals.length > names.length) throw usageError(`Unexpected argument "${c.positionals[names.length]}".`);
  return Object.fromEntries(names.map((n, i) => [n, c.positionals[i]])) as Record<N, string>;
}

export const stringOption = (c: CommandContext, name: string): string | undefined => {
  const v = c.values[name];
  return typeof v === 'string' ? v : undefined;
};

/** A numeric option; `integer` also requires a whole number of at least 1. */
export function numberOption(c: CommandContext, name: string, integer = false): number | undefined {
  const raw = stringOption(c, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 1))) {
    throw usageError(`--${name} expects ${integer ? 'a whole number of at least 1' : 'a number'}, not "${raw}".`);
  }
  return n;
}

export function choiceOption<T extends string>(c: CommandContext, name: string, choices: readonly T[]): T | undefined {
  const raw = stringOption(c, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw))
    throw usageError(`--${name} must be one of ${choices.join(', ')}, not "${raw}".`);
  return raw as T;
}

export function choiceArgument<T extends string>(value: string, what: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw usageError(`${what} must be one of ${choices.join(', ')}, not "${value}".`);
  return value as T;
}

export const ok = (json: unknown, text: string, failed = false): CommandOutput => ({
  exitCode: failed ? 1 : 0,
  json,
  text,
});
