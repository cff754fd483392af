// Runs a deploy shell script with stand-ins for the container's tools (temporal, psql, …) first on PATH, and records
// every call, so the scripts' behaviour is tested without Docker.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, type Env } from './compose-file.js';

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** One entry per stub call: the command name and its arguments joined by spaces. */
  calls: string[];
  /** What each stub read on stdin, by command name (last call wins). */
  stdin: Record<string, string>;
}

/**
 * @param stubs command name → shell snippet run after the call is recorded; `$*` holds the arguments.
 */
export function runScript(repoPath: string, env: Env, stubs: Record<string, string>): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-stubs-'));
  try {
    const callLog = join(dir, 'calls.log');
    for (const [name, body] of Object.entries(stubs)) {
      const script = `#!/bin/sh\nprintf '%s\\n' "${name} $*" >> "${callLog}"\n${body}\n`;
      writeFileSync(join(dir, name), script, { mode: 0o755 });
    }
    const result = spawnSync('sh', [fileURLToPath(new URL(repoPath, repoRoot))], {
      env: { ...env, PATH: `${dir}:${process.env.PATH ?? ''}`, STUB_DIR: dir },
      encoding: 'utf8',
      timeout: 10_000,
    });
    const calls = existsSync(callLog) ? readFileSync(callLog, 'utf8').trimEnd().split('\n') : [];
    const stdin = Object.fromEntries(
      Object.keys(stubs)
        .filter((name) => existsSync(join(dir, `${name}.stdin`)))
        .map((name) => [name, readFileSync(join(dir, `${name}.stdin`), 'utf8')]),
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls, stdin };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stub body that saves stdin for `ScriptRun.stdin`. */
export const captureStdin = (name: string): string => `cat > "$STUB_DIR/${name}.stdin"`;
