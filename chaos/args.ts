export interface ChaosArgs {
  seed: number;
  masters: ('qbo' | 'zuper')[];
  accounting: 'qbo' | 'qbd';
  items: number | null;
  movements: number | null;
  /** On a 2-node Temporal cluster on PostgreSQL instead of the dev server (`npm run cluster`'s setup). */
  cluster: boolean;
  /** Worker processes; null: 1 on the dev server, 3 on a cluster. */
  workers: number | null;
  help: boolean;
}

export class ChaosArgsError extends Error {
  override name = 'ChaosArgsError';
}

export const chaosUsage = `Usage: npm run chaos -- [--seed <n>] [--master qbo|zuper|both] [--items <n>] [--movements <n>] [--accounting qbo|qbd] [--cluster] [--workers <n>]
  --seed       seeds every random choice of the run (printed, so a failing run can be repeated); default: random
  --master     which product master(s) to run; default: both, one after the other
  --accounting QuickBooks Online (qbo, default) or QuickBooks Desktop through its Web Connector (qbd), whose
               faults are injected too (company file closed, QuickBooks busy, session dropped, answer lost)
  --items      linked items per run; default 100
  --movements  stock movements per run; default 2000
  --cluster    run on a 2-node Temporal cluster on PostgreSQL (DATABASE_URL's server, default the local one);
               a Temporal restart crashes and restarts one node
  --workers    worker processes on the task queue; each worker kill stops one of them in turn;
               default 1, or 3 with --cluster`;

const positive = (flag: string, value: string | undefined) => {
  const n = Number(value);
  if (!value || !Number.isInteger(n) || n < 1)
    throw new ChaosArgsError(`${flag} needs a whole number above 0, got "${value ?? ''}"`);
  return n;
};

/** Parses `npm run chaos` arguments; `randomSeed` is used when no seed is given. */
export function parseChaosArgs(argv: readonly string[], randomSeed: number): ChaosArgs {
  const args: ChaosArgs = {
    seed: randomSeed,
    masters: ['qbo', 'zuper'],
    accounting: 'qbo',
    items: null,
    movements: null,
    cluster: false,
    workers: null,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--cluster') args.cluster = true;
    else if (flag === '--seed') args.seed = positive(flag, value());
    else if (flag === '--items') args.items = positive(flag, value());
    else if (flag === '--movements') args.movements = positive(flag, value());
    else if (flag === '--workers') args.workers = positive(flag, value());
    else if (flag === '--master') {
      const master = value();
      if (master === 'both') args.masters = ['qbo', 'zuper'];
      else if (master === 'qbo' || master === 'zuper') args.masters = [master];
      else throw new ChaosArgsError(`--master is qbo, zuper or both, got "${master ?? ''}"`);
    } else if (flag === '--accounting') {
      const accounting = value();
      if (accounting === 'qbo' || accounting === 'qbd') args.accounting = accounting;
      else throw new ChaosArgsError(`--accounting is qbo or qbd, got "${accounting ?? ''}"`);
    } else throw new ChaosArgsError(`unknown argument "${argv[i]}"`);
  }
  return args;
}
