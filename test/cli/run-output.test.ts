import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runOutput } from '../../cli/commands/run-output.js';
import { driftReport } from './fixtures.js';

const started = { workflowId: 'reconcile:acme:manual:1', runId: 'r', connectionId: 'acme' };

describe('runOutput', () => {
  it('a failed run exits 1 with its explanation and fix', () => {
    const out = runOutput({
      state: 'failed',
      kind: 'reconcile',
      ...started,
      failure: {
        code: 'qbo:invalid_grant',
        explanation: 'QuickBooks no longer accepts this connection.',
        fix: 'Reconnect.',
      },
    });
    assert.equal(out.exitCode, 1);
    assert.equal(
      out.text,
      'The reconcile run reconcile:acme:manual:1 failed: QuickBooks no longer accepts this connection.\nFix: Reconnect.',
    );
  });

  it('a reconciliation with missing items needs attention (exit 1); a clean one exits 0', () => {
    const report = driftReport();
    assert.equal(runOutput({ state: 'completed', kind: 'reconcile', ...started, result: report }).exitCode, 0);
    const missing = driftReport({ missing: [{ accountingItemId: '1', fieldItemId: 'z', side: 'field' }] });
    const out = runOutput({ state: 'completed', kind: 'reconcile', ...started, result: missing });
    assert.equal(out.exitCode, 1);
    assert.match(out.text, /^Reconciliation of acme \(reconcile:acme:manual:1\):\nChecked 1 linked items/);
  });
});
