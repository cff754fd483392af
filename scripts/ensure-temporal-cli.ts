import { ensureTemporalCli } from './temporal-cli.js';

try {
  process.stdout.write(`${await ensureTemporalCli()}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
