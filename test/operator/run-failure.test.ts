import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ActivityFailure,
  ApplicationFailure,
  RetryState,
  TerminatedFailure,
  TimeoutFailure,
  TimeoutType,
} from '@temporalio/common';
import { explainRunFailure } from '../../operator/run-failure.js';

describe('explainRunFailure', () => {
  it('takes the explanation and fix an activity attached', () => {
    const business = ApplicationFailure.create({
      message: 'no settings',
      type: 'NeedsAttention',
      nonRetryable: true,
      details: [
        { code: 'settings-missing', explanation: 'Connection acme has no settings.', fix: 'Run `qzsync configure`.' },
      ],
    });
    const wrapped = new ActivityFailure(
      'activity failed',
      'planCatalogLinking',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      'w',
      business,
    );
    assert.deepEqual(explainRunFailure(wrapped), {
      code: 'settings-missing',
      explanation: 'Connection acme has no settings.',
      fix: 'Run `qzsync configure`.',
    });
  });

  it('explains terminated and timed-out runs', () => {
    assert.equal(explainRunFailure(new TerminatedFailure('by admin')).code, 'terminated');
    const timeout = explainRunFailure(new TimeoutFailure('late', undefined, TimeoutType.START_TO_CLOSE));
    assert.match(timeout.fix ?? '', /Check that a worker is running/);
  });
});
