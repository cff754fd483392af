import { ConfigError } from '../config/env.js';

/** How often a long step says it is still at work. */
export const PROGRESS_EVERY_MS = 10_000;
/** A step that takes longer than this says how long it took. */
const SLOW_MS = 2_000;

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Calls `say` every PROGRESS_EVERY_MS while `work` runs, so a long wait is never silent. */
export async function withProgress<T>(say: (line: string) => void, doing: string, work: Promise<T>): Promise<T> {
  const startedAt = Date.now();
  const timer = setInterval(() => say(`  … still ${doing} (${seconds(Date.now() - startedAt)})`), PROGRESS_EVERY_MS);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** A start-up step that failed: its message is one line that names the step and what to do. */
export class StepFailed extends Error {
  override name = 'StepFailed';
  constructor(
    message: string,
    /** What the failure said beyond its first line (a child's error output, for instance). */
    readonly detail: string,
  ) {
    super(message);
  }
}

/** Errors whose own message already says what to do; other failures get the step's advice. */
export class ActionableError extends Error {
  override name = 'ActionableError';
}

export interface StepOptions {
  /** What to do when the step fails with an error that does not say so itself. */
  fix: string;
  /** Off for work that reports its own progress. */
  progress?: boolean;
}

/** Runs one start-up step: announces it, reports progress past PROGRESS_EVERY_MS, and fails as a StepFailed. */
export async function step<T>(
  say: (line: string) => void,
  title: string,
  work: () => Promise<T>,
  options: StepOptions,
): Promise<T> {
  say(`${title}…`);
  const startedAt = Date.now();
  try {
    const running = work();
    const result = await (options.progress === false
      ? running
      : withProgress(say, title.charAt(0).toLowerCase() + title.slice(1), running));
    const took = Date.now() - startedAt;
    if (took > SLOW_MS) say(`  done in ${seconds(took)}`);
    return result;
  } catch (error) {
    const [first = String(error), ...rest] = (error instanceof Error ? error.message : String(error)).split('\n');
    const advice = error instanceof ActionableError ? '' : ` ${options.fix}`;
    throw new StepFailed(`${title} failed: ${first.replace(/\.$/, '')}.${advice}`, rest.join('\n').trim());
  }
}

/** Prints why start-up failed: a step's one line (after its detail), a configuration error, or else the stack. */
export function reportStartupFailure(error: unknown): void {
  if (error instanceof StepFailed) {
    if (error.detail) process.stderr.write(`${error.detail}\n`);
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`,
    );
  }
}
