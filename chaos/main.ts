import { randomInt } from 'node:crypto';
import { ChaosArgsError, chaosUsage, parseChaosArgs } from './args.js';
import { fullRun } from './presets.js';
import { formatReport } from './report.js';
import { runChaos } from './run-chaos.js';

/** `npm run chaos`: the chaos suite (docs/architecture.md, "Testing") for each product master; exits 1 on any violated invariant. */
const startedAt = Date.now();
const log = (line: string) =>
  process.stderr.write(`[chaos ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

let args;
try {
  args = parseChaosArgs(process.argv.slice(2), randomInt(1, 2 ** 31));
} catch (error) {
  if (!(error instanceof ChaosArgsError)) throw error;
  process.stderr.write(`${error.message}\n${chaosUsage}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${chaosUsage}\n`);
  process.exit(0);
}
/** On a cluster, a worker kill is the loss of one of several workers, as a scaled-out deployment would see it. */
const CLUSTER_WORKERS = 3;
let failed = false;
for (const master of args.masters) {
  const report = await runChaos({
    ...fullRun,
    ...(args.items ? { items: args.items } : {}),
    ...(args.movements ? { movements: args.movements } : {}),
    seed: args.seed,
    cluster: args.cluster,
    workers: args.workers ?? (args.cluster ? CLUSTER_WORKERS : 1),
    master,
    accounting: args.accounting,
    log,
  });
  process.stdout.write(`\n${formatReport(report)}\n`);
  failed ||= report.violations.length > 0;
}
process.stdout.write(
  `\n${failed ? 'FAIL' : 'PASS'} (seed ${args.seed}; repeat with: npm run chaos -- --seed ${args.seed}${args.accounting === 'qbd' ? ' --accounting qbd' : ''})\n`,
);
process.exit(failed ? 1 : 0);
