import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BenchArgsError, parseBenchArgs } from '../../bench/support/args.js';

const known = ['webhook-to-quantity', 'reconcile-10k', 'webhook-intake'];

describe('parseBenchArgs', () => {
  it('defaults to every benchmark, text output, full sizes', () => {
    assert.deepEqual(parseBenchArgs([], known), { json: false, quick: false, only: null, cluster: false, help: false });
    assert.equal(parseBenchArgs(['--cluster'], known).cluster, true);
  });

  it('reads --json, --quick and --only in its three spellings, without duplicates', () => {
    assert.deepEqual(
      parseBenchArgs(['--quick', '--only', 'reconcile-10k', '--json', '--only=webhook-intake,reconcile-10k'], known),
      { json: true, quick: true, only: ['reconcile-10k', 'webhook-intake'], cluster: false, help: false },
    );
  });

  it('rejects unknown benchmarks and arguments, and --only without a name', () => {
    assert.throws(() => parseBenchArgs(['--only', 'nope'], known), /unknown benchmark "nope"/);
    assert.throws(() => parseBenchArgs(['--fast'], known), BenchArgsError);
    assert.throws(() => parseBenchArgs(['--only'], known), /needs a benchmark name/);
  });
});
