export interface BenchArgs {
  json: boolean;
  quick: boolean;
  /** Benchmarks to run, in the order given; null runs them all. */
  only: string[] | null;
  /** On a 2-node Temporal cluster on PostgreSQL instead of the dev server. */
  cluster: boolean;
  /** Worker counts to run each worker benchmark with, in order; null: each benchmark's own. */
  workers: number[] | null;
  /** Items in the catalog of each benchmark that takes a size; null: each benchmark's own (or its --quick size). */
  size: number | null;
  help: boolean;
}

export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

const MAX_WORKERS = 16;

/** `--workers 1,2,4`: each count a whole number from 1 to 16, in the order given, without duplicates. */
function parseWorkerCounts(value: string | undefined): number[] {
  if (!value) throw new BenchArgsError('--workers needs a count or a list such as 1,2,4');
  const counts = value.split(',').map((part) => {
    const count = Number(part);
    if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
      throw new BenchArgsError(`--workers: "${part}" is not a worker count from 1 to ${MAX_WORKERS}`);
    }
    return count;
  });
  return [...new Set(counts)];
}

/** `--size 100000`: a whole number of items, at least 100 (the drift benchmarks drift 1 in 100). */
function parseSize(value: string | undefined): number {
  const size = Number(value);
  if (!value || !Number.isInteger(size) || size < 100) {
    throw new BenchArgsError(`--size: "${value ?? ''}" is not a whole number of items of at least 100`);
  }
  return size;
}

/**
 * `--json`, `--quick`, `--only <name>[,<name>…]` (repeatable, also `--only=<name>`), `--cluster`,
 * `--workers <n>[,<n>…]` (also `--workers=`), `--size <n>` (also `--size=`), `--help`.
 */
export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    json: false,
    quick: false,
    only: null,
    cluster: false,
    workers: null,
    size: null,
    help: false,
  };
  const addOnly = (value: string | undefined) => {
    if (!value) throw new BenchArgsError('--only needs a benchmark name');
    for (const name of value.split(',').filter(Boolean)) {
      if (!known.includes(name)) throw new BenchArgsError(`unknown benchmark "${name}"; known: ${known.join(', ')}`);
      args.only = [...(args.only ?? []), ...(args.only?.includes(name) ? [] : [name])];
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') args.json = true;
    else if (arg === '--quick') args.quick = true;
    else if (arg === '--cluster') args.cluster = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--only') addOnly(argv[++i]);
    else if (arg.startsWith('--only=')) addOnly(arg.slice('--only='.length));
    else if (arg === '--workers') args.workers = parseWorkerCounts(argv[++i]);
    else if (arg.startsWith('--workers=')) args.workers = parseWorkerCounts(arg.slice('--workers='.length));
    else if (arg === '--size') args.size = parseSize(argv[++i]);
    else if (arg.startsWith('--size=')) args.size = parseSize(arg.slice('--size='.length));
    else throw new BenchArgsError(`unknown argument "${arg}"`);
  }
  return args;
}
