export interface BenchArgs {
  json: boolean;
  quick: boolean;
  /** Benchmarks to run, in the order given; null runs them all. */
  only: string[] | null;
  /** On a 2-node Temporal cluster on PostgreSQL instead of the dev server. */
  cluster: boolean;
  help: boolean;
}

export class BenchArgsError extends Error {
  override name = 'BenchArgsError';
}

/** `--json`, `--quick`, `--only <name>[,<name>…]` (repeatable, also `--only=<name>`), `--cluster`, `--help`. */
export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const args: BenchArgs = { json: false, quick: false, only: null, cluster: false, help: false };
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
    else throw new BenchArgsError(`unknown argument "${arg}"`);
  }
  return args;
}
