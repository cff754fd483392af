import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { ApplicationFailure } from '@temporalio/common';
import { jsonRuntimeLogger } from '../../observability/runtime-logger.js';

function logged(meta: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  jsonRuntimeLogger('info', (line) => lines.push(line)).warn('Workflow failed', meta);
  assert.equal(lines.length, 1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

test('"Workflow failed" carries the failure\'s message, type, application type and cause, not {}', () => {
  const failure = ApplicationFailure.create({
    message: 'QuickBooks refused the adjustment',
    type: 'QboValidationFault',
    cause: new RangeError('quantity out of range'),
  });
  const line = logged({ error: failure, sdkComponent: 'worker' });
  assert.equal(line.msg, 'Workflow failed');
  assert.equal(line.level, 'warn');
  assert.equal(line.sdkComponent, 'worker');
  const error = line.error as Record<string, unknown>;
  assert.equal(error.type, 'ApplicationFailure');
  assert.equal(error.message, 'QuickBooks refused the adjustment');
  assert.equal(error.failureType, 'QboValidationFault');
  assert.match(String(error.stack), /QuickBooks refused the adjustment/);
  const cause = error.cause as Record<string, unknown>;
  assert.equal(cause.type, 'RangeError');
  assert.equal(cause.message, 'quantity out of range');
});

test('an error made in another realm, as workflow code logs it from the sandbox, keeps its message and type', () => {
  const sandboxed = runInNewContext('new TypeError("item 7 has no link", { cause: "not linked" })') as unknown;
  assert.equal(sandboxed instanceof Error, false);
  const error = logged({ error: sandboxed }).error as Record<string, unknown>;
  assert.equal(error.type, 'TypeError');
  assert.equal(error.message, 'item 7 has no link');
  assert.equal(error.cause, 'not linked');
});
