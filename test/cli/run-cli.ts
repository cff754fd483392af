import { runCli, type CliIo } from '../../cli/run-cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, for --json runs. */
  // Test code inspects arbitrary JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

/** Runs qzsync in-process with the given environment, capturing its output. */
export async function cli(argv: string[], env: NodeJS.ProcessEnv, io: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: false,
    ...io,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) as unknown };
}
