import type { ApiClient } from './api-client.js';
import { usageError, type ExitCode } from './cli-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help: `--limit <n>`. */
  value?: string;
}

export interface CommandContext {
  /** The arguments given, in the order the command declares them (commander has checked their number). */
  args: string[];
  values: Record<string, string | boolean | undefined>;
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
  /** The arguments in commander's syntax, in order: `<id>` required, `[id]` optional. */
  arguments: string[];
  usage: string[];
  options?: Record<string, OptionSpec>;
  run(c: CommandContext): Promise<CommandOutput>;
}

/** The first argument: every command acting on one connection takes it first. */
export const connectionArgument = (c: CommandContext): string => c.args[0] ?? '';

/**
 * A connection and a word naming what to do with it, in either order: connection first (`schedule acme pause`,
 * the form help shows) or, as earlier versions took it, the word first (`schedule pause acme`).
 */
export function connectionAndWord<T extends string>(
  c: CommandContext,
  what: string,
  words: readonly T[],
): { id: string; word: T } {
  const [first = '', second = ''] = c.args;
  const isWord = (v: string): v is T => (words as readonly string[]).includes(v);
  if (isWord(second)) return { id: first, word: second };
  if (isWord(first)) return { id: second, word: first };
  throw usageError(`${what} must be one of ${words.join(', ')}, not "${first}" or "${second}".`);
}

export const stringOption = (c: CommandContext, name: string): string | undefined => {
  const v = c.values[name];
  return typeof v === 'string' ? v : undefined;
};

/** A numeric option; with a range, a whole number within it. */
export function numberOption(
  c: CommandContext,
  name: string,
  range?: { min: number; max: number },
): number | undefined {
  const raw = stringOption(c, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const inRange = !range || (Number.isInteger(n) && n >= range.min && n <= range.max);
  if (raw.trim() === '' || !Number.isFinite(n) || !inRange) {
    throw usageError(
      `--${name} expects ${range ? `a whole number from ${range.min} to ${range.max}` : 'a number'}, not "${raw}".`,
    );
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

export const ok = (json: unknown, text: string, failed = false): CommandOutput => ({
  exitCode: failed ? 1 : 0,
  json,
  text,
});
