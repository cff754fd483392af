import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { loadEnv } from '../../config/env.js';
import { assertConfigRefused } from '../support/config-refusal.js';
import { heapGrowingFlag } from '../../worker/heap-growth.js';

const heapGrowthModule = new URL('../../worker/heap-growth.js', import.meta.url).href;
const envModule = new URL('../../config/env.js', import.meta.url).href;

/**
 * What V8 itself reports in a fresh Node process that applies the setting from `percent` (then, to check that the
 * first call decides, once more with 150) and runs one full collection: with --trace-gc-verbose, V8 prints the factor
 * its own heuristics chose and then the factor it used for the heap's next limit, which the flag overrides.
 */
async function heapGrowthInChild(
  percent: string,
): Promise<{ flag: string | null; again: string | null; ownFactor: string; limitFactor: string }> {
  const script = `
    const { applyWorkerHeapGrowth } = await import(${JSON.stringify(heapGrowthModule)});
    const { loadEnv } = await import(${JSON.stringify(envModule)});
    const flag = applyWorkerHeapGrowth(loadEnv());
    const again = applyWorkerHeapGrowth({ WORKER_HEAP_GROWING_PERCENT: 150 });
    globalThis.gc();
    process.stdout.write(JSON.stringify({ flag, again }) + '\\n');
  `;
  const child = spawn(process.execPath, ['--expose-gc', '--trace-gc-verbose', '--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', WORKER_HEAP_GROWING_PERCENT: percent },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, out);
  const result = /^(\{"flag".*\})$/m.exec(out)?.[1];
  // The last collection is the one the script asked for, after the setting was applied.
  const last = (pattern: RegExp) => [...out.matchAll(pattern)].at(-1)?.[1];
  const ownFactor = last(/\[HeapController\] factor (\d+\.\d) based on/g);
  const limitFactor = last(/\[HeapController\] Limit: old size: \d+ KB, new limit: \d+ KB \((\d+\.\d)\)/g);
  assert.ok(result && ownFactor && limitFactor, `V8's trace of the collection is missing:\n${out}`);
  return { ...(JSON.parse(result) as { flag: string | null; again: string | null }), ownFactor, limitFactor };
}

describe("the worker's heap growth", () => {
  it('is the V8 flag for the percent, and none for 0', () => {
    assert.equal(heapGrowingFlag(30), '--heap-growing-percent=30');
    assert.equal(heapGrowingFlag(300), '--heap-growing-percent=300');
    assert.equal(heapGrowingFlag(0), null);
    assert.throws(() => heapGrowingFlag(-1), RangeError);
    assert.throws(() => heapGrowingFlag(2.5), RangeError);
  });

  it('is 30 % unless WORKER_HEAP_GROWING_PERCENT says otherwise, from 0 to 300', () => {
    assert.equal(loadEnv({}).WORKER_HEAP_GROWING_PERCENT, 30);
    for (const value of [0, 1, 150, 300]) {
      assert.equal(loadEnv({ WORKER_HEAP_GROWING_PERCENT: String(value) }).WORKER_HEAP_GROWING_PERCENT, value);
    }
  });

  it('refuses any other value, naming the setting and what it expects', () => {
    for (const value of ['-1', '301', '12.5', 'thirty', '30%']) {
      assertConfigRefused(
        { WORKER_HEAP_GROWING_PERCENT: value },
        "Invalid configuration:\n  WORKER_HEAP_GROWING_PERCENT: expected a whole number of per cent from 0 to 300 (0: V8's own heap growth)",
        value,
      );
    }
  });

  it("sets the factor V8 uses for the heap's next limit, once per process", async () => {
    const child = await heapGrowthInChild('30');
    assert.equal(child.flag, '--heap-growing-percent=30');
    assert.equal(child.again, '--heap-growing-percent=30', 'the first call decides');
    assert.equal(child.limitFactor, '1.3');
  });

  it('follows the setting', async () => {
    const child = await heapGrowthInChild('150');
    assert.equal(child.flag, '--heap-growing-percent=150');
    assert.equal(child.limitFactor, '2.5');
  });

  it("leaves V8's own factor at 0", async () => {
    const child = await heapGrowthInChild('0');
    assert.equal(child.flag, null);
    assert.equal(child.again, null, 'the first call decides, also for 0');
    assert.equal(child.limitFactor, child.ownFactor);
  });
});
