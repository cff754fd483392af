import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BenchArgsError, parseBenchArgs } from '../../bench/support/args.js';

const known = ['webhook-to-quantity', 'reconcile-10k', 'webhook-intake'];

describe('parseBenchArgs', () => {
  it('defaults to every benchmark, text output, full sizes', () => {
    assert.deepEqual(parseBenchArgs([], known), {
      json: false,
      quick: false,
      only: null,
      cluster: false,
      workers: null,
      size: null,
      help: false,
    });
    assert.equal(parseBenchArgs(['--cluster'], known).cluster, true);
  });

  it('reads --json, --quick and --only in its three spellings, without duplicates', () => {
    assert.deepEqual(
      parseBenchArgs(['--quick', '--only', 'reconcile-10k', '--json', '--only=webhook-intake,reconcile-10k'], known),
      {
        json: true,
        quick: true,
        only: ['reconcile-10k', 'webhook-intake'],
        cluster: false,
        workers: null,
        size: null,
        help: false,
      },
    );
  });

  it('reads a worker sweep as counts in the given order, without duplicates', () => {
    assert.deepEqual(parseBenchArgs(['--workers', '1,2,4'], known).workers, [1, 2, 4]);
    assert.deepEqual(parseBenchArgs(['--workers=4,1,4'], known).workers, [4, 1]);
    assert.deepEqual(parseBenchArgs(['--workers', '3'], known).workers, [3]);
  });

  it('rejects worker counts that are not whole numbers from 1 to 16', () => {
    assert.throws(() => parseBenchArgs(['--workers'], known), /needs a count/);
    assert.throws(() => parseBenchArgs(['--workers', '0'], known), /"0" is not a worker count/);
    assert.throws(() => parseBenchArgs(['--workers', '2,x'], known), /"x" is not a worker count/);
    assert.throws(() => parseBenchArgs(['--workers=1.5'], known), /"1.5" is not a worker count/);
    assert.throws(() => parseBenchArgs(['--workers', '17'], known), /"17" is not a worker count/);
  });

  it('reads a catalog size of at least 100 items', () => {
    assert.equal(parseBenchArgs(['--size', '100000'], known).size, 100_000);
    assert.equal(parseBenchArgs(['--size=2000'], known).size, 2000);
    assert.throws(() => parseBenchArgs(['--size'], known), /is not a whole number of items/);
    assert.throws(() => parseBenchArgs(['--size', '99'], known), /"99" is not a whole number/);
    assert.throws(() => parseBenchArgs(['--size=1e5x'], known), /"1e5x" is not a whole number/);
  });

  it('rejects unknown benchmarks and arguments, and --only without a name', () => {
    assert.throws(() => parseBenchArgs(['--only', 'nope'], known), /unknown benchmark "nope"/);
    assert.throws(() => parseBenchArgs(['--fast'], known), BenchArgsError);
    assert.throws(() => parseBenchArgs(['--only'], known), /needs a benchmark name/);
  });
});
