/** How the CLI ends (README, "Exit codes"). */
export const exitCodes = { ok: 0, failed: 1, usage: 2, unreachable: 3, unauthorised: 4 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A failure the CLI reports and exits with; `json` is what --json prints for it. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly fix?: string,
    readonly json?: unknown,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(exitCodes.usage, message);
