import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChaosArgsError, parseChaosArgs } from '../../chaos/args.js';

describe('npm run chaos arguments', () => {
  it('defaults to both masters with the random seed given', () => {
    assert.deepEqual(parseChaosArgs([], 99), {
      seed: 99,
      masters: ['qbo', 'zuper'],
      accounting: 'qbo',
      items: null,
      movements: null,
      cluster: false,
      workers: null,
      help: false,
    });
  });

  it('takes a seed, one master and sizes, with or without =', () => {
    assert.deepEqual(parseChaosArgs(['--seed', '7', '--master=zuper', '--items', '10', '--movements=300'], 99), {
      seed: 7,
      masters: ['zuper'],
      accounting: 'qbo',
      items: 10,
      movements: 300,
      cluster: false,
      workers: null,
      help: false,
    });
    assert.equal(parseChaosArgs(['--cluster'], 1).cluster, true);
    assert.equal(parseChaosArgs(['--workers', '3'], 1).workers, 3);
    assert.equal(parseChaosArgs(['--accounting', 'qbd'], 1).accounting, 'qbd');
  });

  it('refuses what it does not understand', () => {
    assert.throws(() => parseChaosArgs(['--master', 'sage'], 1), ChaosArgsError);
    assert.throws(() => parseChaosArgs(['--accounting', 'xero'], 1), /--accounting is qbo or qbd, got "xero"/);
    assert.throws(() => parseChaosArgs(['--items', '0'], 1), /--items needs a whole number above 0, got "0"/);
    assert.throws(() => parseChaosArgs(['--fast'], 1), /unknown argument "--fast"/);
  });
});
