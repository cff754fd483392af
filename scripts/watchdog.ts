import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/**
 * `node watchdog.js <command> [args…]`: runs the command in its own process group and ends that group when the
 * parent goes away. The parent holds the write end of this process's stdin; when the parent exits for any reason,
 * SIGKILL included, the kernel closes it and stdin reaches end-of-file — something no signal handler in the parent
 * could guarantee. Started through spawnSupervised().
 */
const GRACE_MS = 10_000;
const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: watchdog <command> [args…]\n');
  process.exit(2);
}
const child = spawn(command, args, { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
const signalGroup = (signal: NodeJS.Signals) => {
  try {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
      process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
};
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), GRACE_MS).unref();
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// Ctrl-C reaches the whole foreground group, this process too: the parent decides when its children stop.
process.on('SIGINT', () => undefined);
child.on('error', (error) => {
  process.stderr.write(`${command}: ${error.message}\n`);
  process.exit(127);
});
// A command ended by a signal exits as a shell reports it: 128 + the signal's number.
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
