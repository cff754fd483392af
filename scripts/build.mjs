// `npm run build`: tsc into dist/, with a line every few seconds while it runs (a first build takes about half a
// minute). Plain JavaScript because it runs before anything is compiled. Everything goes to stderr, so that a
// script's stdout after the build (`npm run -s bench -- --json`) holds only that script's output.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const EVERY_MS = 10_000;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const startedAt = Date.now();
const seconds = () => `${Math.round((Date.now() - startedAt) / 1000)} s`;
process.stderr.write('Building TypeScript into dist/…\n');
const timer = setInterval(() => process.stderr.write(`  … still building TypeScript (${seconds()})\n`), EVERY_MS);
const child = spawn(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: ['ignore', 'pipe', 'inherit'] });
child.stdout.pipe(process.stderr);
child.on('exit', (code) => {
  clearInterval(timer);
  if (code === 0) {
    process.stderr.write(`  built in ${seconds()}\n`);
  } else {
    process.stderr.write(
      'TypeScript build failed: fix the errors above (npm run build shows them again), then retry.\n',
    );
  }
  process.exit(code ?? 1);
});
