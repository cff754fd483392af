import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyHttpFailure,
  classifyNetworkFailure,
  kindForStatus,
  parseRetryAfterMs,
} from '../../../integrations/zuper/error-classification.js';
import { ZuperApiError } from '../../../integrations/zuper/errors.js';

const failure = (method: string, status: number, body: unknown, headers: Record<string, string> = {}) =>
  classifyHttpFailure({ method, path: '/product/p-1/outward', status, headers, body });

void describe('kindForStatus', () => {
  void it('maps every documented status to its kind', () => {
    const cases: [number, string][] = [
      [400, 'validation'],
      [401, 'auth'],
      [403, 'forbidden'],
      [404, 'not-found'],
      [408, 'network'],
      [422, 'validation'],
      [429, 'throttled'],
      [500, 'server'],
      [503, 'server'],
    ];
    assert.deepEqual(
      cases.map(([status]) => [status, kindForStatus(status)]),
      cases,
    );
  });
});

void describe('parseRetryAfterMs', () => {
  void it('reads delta-seconds', () => {
    assert.equal(parseRetryAfterMs('15'), 15_000);
    assert.equal(parseRetryAfterMs(' 0.5 '), 500);
  });
  void it('reads an HTTP date relative to now, never negative', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:20 GMT', now), 20_000);
    assert.equal(parseRetryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now), 0);
  });
  void it('ignores missing or unreadable values', () => {
    assert.equal(parseRetryAfterMs(undefined), undefined);
    assert.equal(parseRetryAfterMs(''), undefined);
    assert.equal(parseRetryAfterMs('soon'), undefined);
  });
});

void describe('classifyHttpFailure', () => {
  void it('maps 429 with Retry-After to a retryable throttled error carrying the wait', () => {
    const error = failure(
      'GET',
      429,
      { type: 'error', title: 'Too Many Requests', message: 'Slow down' },
      {
        'retry-after': '15',
      },
    );
    assert.ok(error instanceof ZuperApiError);
    assert.deepEqual(
      [error.kind, error.httpStatus, error.retryable, error.retryAfterMs, error.title, error.message],
      ['throttled', 429, true, 15_000, 'Too Many Requests', 'Slow down'],
    );
    assert.match(error.fix, /retried after 15 s/);
  });

  void it('maps 401 to a non-retryable auth error that tells where to make a key', () => {
    const error = failure('GET', 401, { type: '', message: '' });
    assert.deepEqual([error.kind, error.retryable, error.message], ['auth', false, 'HTTP 401']);
    assert.match(error.fix, /Settings → Developer Hub → API Keys/);
  });

  void it('explains a 403 on a write as a read-only key', () => {
    const error = failure('POST', 403, { type: 'error', title: 'Forbidden', message: 'API Key has read-only access' });
    assert.deepEqual([error.kind, error.retryable, error.endpoint], ['forbidden', false, 'POST /product/p-1/outward']);
    assert.match(error.explanation, /read-only/);
    assert.match(error.fix, /without the "Read-only" option/);
  });

  void it('explains a refused negative balance with the Zuper setting to turn on', () => {
    const error = failure('POST', 400, {
      type: 'error',
      title: 'Insufficient quantity in the selected location',
      message: 'Insufficient quantity in the selected location',
    });
    assert.equal(error.kind, 'validation');
    assert.equal(error.retryable, false);
    assert.match(error.fix, /Settings → Parts & Services → Allow negative stock balance/);
    // Title and message are equal: quoted once.
    assert.equal(error.explanation.split('Insufficient quantity').length, 2);
  });

  void it('explains the PUT-shape refusal as our defect, not the user’s', () => {
    const error = failure('PUT', 400, { type: 'error', title: 'Error', message: 'Error in Updating Product Details' });
    assert.match(error.fix, /Report this to the maintainers/);
  });

  void it('maps 5xx to retryable server errors; only writes may have landed', () => {
    const write = failure('POST', 502, '<html>Bad Gateway</html>');
    const read = failure('GET', 500, {
      type: 'error',
      title: 'Error Fetching Products',
      message: 'Error Fetching Products',
    });
    assert.deepEqual([write.kind, write.retryable, write.writeMayHaveLanded], ['server', true, true]);
    assert.equal(write.message, '<html>Bad Gateway</html>');
    assert.deepEqual([read.kind, read.retryable, read.writeMayHaveLanded], ['server', true, false]);
    assert.match(write.explanation, /may or may not have been applied/);
  });

  void it('treats a 200 carrying type:"error" as a validation failure', () => {
    const error = failure('GET', 200, {
      type: 'error',
      title: 'Invalid Sort By Value',
      message: 'Invalid Sort By Value',
    });
    assert.deepEqual([error.kind, error.httpStatus, error.message], ['validation', 200, 'Invalid Sort By Value']);
  });
});

void describe('classifyNetworkFailure', () => {
  const withCode = (code: string) => Object.assign(new Error(`boom ${code}`), { code });

  void it('marks a timed-out write retryable and possibly landed', () => {
    const error = classifyNetworkFailure('POST', '/product/p-1/inward', withCode('ETIMEDOUT'));
    assert.deepEqual(
      [error.kind, error.retryable, error.writeMayHaveLanded, error.httpStatus, error.title],
      ['network', true, true, undefined, 'ETIMEDOUT'],
    );
    assert.match(error.explanation, /may have been applied/);
  });

  void it('knows a refused connection never delivered the write', () => {
    const error = classifyNetworkFailure('POST', '/product/p-1/inward', withCode('ECONNREFUSED'));
    assert.equal(error.writeMayHaveLanded, false);
  });

  void it('never flags reads as landed writes', () => {
    assert.equal(classifyNetworkFailure('GET', '/product', withCode('ECONNRESET')).writeMayHaveLanded, false);
  });
});
