import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ScheduleNotFoundError, ServiceError } from '@temporalio/client';
import type { AppContext } from '../../service/context.js';
import { toErrorResponse } from '../../operator/error-response.js';
import { conflict } from '../../operator/errors.js';
import { ConnectionNotFoundError } from '../../storage/repositories/connections.js';
import { ZuperApiError, ZuperCompanyNotFoundError } from '../../integrations/zuper/errors.js';
import { openTestContext } from '../server/support.js';

const zuperError = (kind: 'validation' | 'network') =>
  new ZuperApiError({ kind, title: 'T', message: 'M', endpoint: 'GET /product', writeMayHaveLanded: false });

describe('toErrorResponse', () => {
  it('keeps the status, code and fix of operator errors', () => {
    assert.deepEqual(toErrorResponse(conflict('busy', 'It is busy.', 'Wait.')), {
      status: 409,
      body: { error: { code: 'busy', message: 'It is busy.', fix: 'Wait.' } },
    });
  });

  it('maps unknown connections and schedules to 404 with what to do', () => {
    assert.equal(toErrorResponse(new ConnectionNotFoundError('no connection "x"')).status, 404);
    const schedule = toErrorResponse(new ScheduleNotFoundError('gone', 'reconcile:x'));
    assert.equal(schedule.status, 404);
    assert.equal(schedule.body.error.fix, 'Configure it with `qzsync configure`.');
  });

  it('says Temporal is unavailable (503) rather than failing blindly', () => {
    const answer = toErrorResponse(new ServiceError('Failed to start Workflow'));
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error.code, 'temporal_unavailable');
    assert.match(answer.body.error.fix ?? '', /TEMPORAL_ADDRESS/);
  });

  it('passes on the explanation of QuickBooks and Zuper failures: 422 when refused, 502 when unreachable', () => {
    const refused = toErrorResponse(zuperError('validation'));
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'rejected_upstream');
    const unreachable = toErrorResponse(zuperError('network'));
    assert.equal(unreachable.status, 502);
    assert.match(unreachable.body.error.message, /^No answer from Zuper on GET \/product/);
    assert.equal(
      toErrorResponse(new ZuperCompanyNotFoundError('acme', 'x')).body.error.code,
      'zuper_company_not_found',
    );
  });

  it('hides the details of anything else behind a 500', () => {
    assert.deepEqual(toErrorResponse(new TypeError('secret internals')), {
      status: 500,
      body: {
        error: {
          code: 'internal_error',
          message: 'The service failed to carry out the request.',
          fix: 'See the service log for details, then try again.',
        },
      },
    });
  });
});

describe('toErrorResponse of a request Temporal refuses as an invalid argument', () => {
  let ctx: AppContext;
  before(async () => {
    ctx = await openTestContext();
  });
  after(async () => {
    await ctx.close();
  });

  it('answers 500 with the generic body: our bug, not an outage, and no Temporal text', async () => {
    // A run id that is not a UUID: the operator API refuses it (400) before Temporal; here it reaches Temporal.
    const refused: unknown = await ctx.temporal.workflow
      .getHandle('reconcile:acme', 'not-a-run-id')
      .describe()
      .then(
        () => assert.fail('Temporal accepted an invalid run id'),
        (error: unknown) => error,
      );
    const answer = toErrorResponse(refused);
    assert.equal(answer.status, 500);
    assert.deepEqual(answer.body, toErrorResponse(new TypeError('anything')).body);
    assert.doesNotMatch(JSON.stringify(answer.body), /run ?id|uuid|invalid|temporal/i);
  });

  it('still answers 503 when Temporal is really unavailable', () => {
    const outage = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: {},
    });
    assert.equal(toErrorResponse(new ServiceError('Failed to describe', { cause: outage })).status, 503);
  });
});
