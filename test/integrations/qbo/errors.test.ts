import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyQboError } from '../../../integrations/qbo/error-kind.js';
import { explainQboError } from '../../../integrations/qbo/error-explanations.js';
import {
  defaultThrottleDelayMs,
  parseRetryAfter,
  qboErrorFromResponse,
  qboNetworkError,
} from '../../../integrations/qbo/error-from-response.js';
import { parseFaultBody } from '../../../integrations/qbo/fault-body.js';

const now = new Date('2025-09-10T20:00:00Z');
const fromBody = (httpStatus: number, body: string, retryAfter?: string) =>
  qboErrorFromResponse({ operation: 'POST item', httpStatus, body, intuitTid: 'tid-1', now, retryAfter });

void test('a standard JSON Fault becomes a typed error with every field', () => {
  const body = JSON.stringify({
    Fault: {
      Error: [
        {
          Message: 'Duplicate Name Exists Error',
          Detail: 'The name supplied already exists. : null',
          code: '6240',
          element: 'Name',
        },
      ],
      type: 'ValidationFault',
    },
    time: '2025-09-10T13:00:00.000-07:00',
  });
  const error = fromBody(400, body);
  assert.ok(error);
  assert.equal(error.kind, 'duplicate-name');
  assert.equal(error.retryable, false);
  assert.equal(error.httpStatus, 400);
  assert.equal(error.code, '6240');
  assert.equal(error.message, 'Duplicate Name Exists Error');
  assert.equal(error.detail, 'The name supplied already exists. : null');
  assert.equal(error.element, 'Name');
  assert.equal(error.faultType, 'ValidationFault');
  assert.equal(error.intuitTid, 'tid-1');
  assert.equal(error.operation, 'POST item');
  assert.match(error.explanation, /An item with this name already exists in QuickBooks \(possibly inactive/);
  assert.match(error.fix, /Rename one of the two items/);
});

void test('status 5010 is stale and retryable after a re-read', () => {
  const body =
    '{"Fault":{"Error":[{"Message":"Stale Object Error","Detail":"Stale Object Error : You and Jane Doe were working on this at the same time.","code":"5010","element":""}],"type":"ValidationFault"}}';
  const error = fromBody(400, body);
  assert.equal(error?.kind, 'stale');
  assert.equal(error?.retryable, true);
  assert.equal(error?.element, undefined, 'an empty element is dropped');
});

void test('the lowercase gateway 401 variant is auth with its code', () => {
  const body = JSON.stringify({
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
          detail: 'Token expired: x',
          code: '3200',
          element: null,
        },
      ],
      type: 'AUTHENTICATION',
    },
    batchItemResponse: [],
    time: 1700000000000,
  });
  const error = fromBody(401, body);
  assert.equal(error?.kind, 'auth');
  assert.equal(error?.retryable, true);
  assert.equal(error?.code, '3200');
  assert.equal(error?.faultType, 'AUTHENTICATION');
  assert.equal(error?.detail, 'Token expired: x');
});

void test('a gateway fault without a code takes it from the errorCode in the message', () => {
  const body =
    '{"fault":{"error":[{"message":"message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403","detail":"","code":null,"element":null}],"type":"SERVICE"}}';
  const error = fromBody(403, body);
  assert.equal(error?.kind, 'forbidden');
  assert.equal(error?.code, '3100');
  assert.equal(error?.retryable, false);
});

void test('the XML throttle body is throttled with the default delay', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2025-09-10T13:00:00.000-07:00">
  <Fault type="SERVICE">
    <Error code="3001">
      <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
      <Detail>The request limit was reached.  Try again later</Detail>
    </Error>
  </Fault>
</IntuitResponse>`;
  const error = fromBody(429, xml);
  assert.equal(error?.kind, 'throttled');
  assert.equal(error?.retryable, true);
  assert.equal(error?.code, '3001');
  assert.equal(error?.faultType, 'SERVICE');
  assert.equal(error?.detail, 'The request limit was reached.  Try again later');
  assert.equal(error?.retryAfterMs, defaultThrottleDelayMs);
});

void test('Retry-After is honoured in seconds or as a date', () => {
  assert.equal(fromBody(429, '', '7')?.retryAfterMs, 7000);
  assert.equal(parseRetryAfter('Wed, 10 Sep 2025 20:00:30 GMT', now), 30_000);
  assert.equal(parseRetryAfter('soon', now), defaultThrottleDelayMs);
});

void test('an XML 500 with entities is a retryable server error', () => {
  const xml =
    '<IntuitResponse><Fault type="SystemFault"><Error code="10000"><Message>An application error has occurred &amp; more</Message></Error></Fault></IntuitResponse>';
  const error = fromBody(500, xml);
  assert.equal(error?.kind, 'server');
  assert.equal(error?.retryable, true);
  assert.equal(error?.message, 'An application error has occurred & more');
});

void test('a 502 without a body is server; a 404 without a fault is not-found', () => {
  const bad = fromBody(502, '<html>Bad gateway</html>');
  assert.equal(bad?.kind, 'server');
  assert.equal(bad?.message, 'HTTP 502 from QuickBooks on POST item');
  const missing = fromBody(404, '');
  assert.equal(missing?.kind, 'not-found');
  assert.equal(missing?.retryable, false);
  assert.match(missing?.explanation ?? '', /company id \(realm\) or the QuickBooks environment/);
});

void test('a 200 that carries a Fault is an error, a 200 payload is not', () => {
  const error = fromBody(
    200,
    '{"Fault":{"Error":[{"Message":"Object Not Found","code":"610"}],"type":"ValidationFault"}}',
  );
  assert.equal(error?.kind, 'invalid-reference');
  assert.equal(error?.httpStatus, 200);
  assert.equal(fromBody(200, '{"Item":{"Id":"1"},"time":"x"}'), undefined);
  assert.equal(fromBody(200, '{"error":"looks like oauth but is a 200"}'), undefined);
});

void test('an OAuth-style body on 401 is auth and keeps the description', () => {
  const error = fromBody(401, '{"error":"invalid_token","error_description":"Token expired"}');
  assert.equal(error?.kind, 'auth');
  assert.equal(error?.message, 'invalid_token');
  assert.equal(error?.detail, 'Token expired');
});

void test('several Error entries are all kept, the first one leads', () => {
  const body =
    '{"Fault":{"Error":[{"Message":"A","code":"2020"},{"Message":"B","code":"2010","Detail":"d"}],"type":"ValidationFault"}}';
  const error = fromBody(400, body);
  assert.equal(error?.code, '2020');
  assert.deepEqual(error?.errors, [
    { message: 'A', code: '2020' },
    { message: 'B', code: '2010', detail: 'd' },
  ]);
});

void test('classification table', () => {
  const cases: [number | undefined, string | undefined, string, boolean][] = [
    [429, undefined, 'throttled', true],
    [400, '3001', 'throttled', true],
    [401, undefined, 'auth', true],
    [400, '100', 'auth', true],
    [403, undefined, 'forbidden', false],
    [400, '6190', 'forbidden', false],
    [400, '5010', 'stale', true],
    [400, '6240', 'duplicate-name', false],
    [400, '2010', 'validation', false],
    [400, '2020', 'validation', false],
    [400, '2050', 'validation', false],
    [400, '6000', 'validation', false],
    [400, '6520', 'validation', false],
    [400, '4000', 'validation', false],
    [400, '4001', 'validation', false],
    [400, '2500', 'invalid-reference', false],
    [400, '610', 'invalid-reference', false],
    [404, '610', 'invalid-reference', false],
    [404, undefined, 'not-found', false],
    [500, undefined, 'server', true],
    [503, undefined, 'server', true],
    [400, '10000', 'server', true],
    [500, '4002', 'server', true],
    [400, '4002', 'validation', false],
    [400, '500', 'validation', false],
    [500, '500', 'server', true],
    [400, '9999', 'validation', false],
    [undefined, undefined, 'network', true],
  ];
  for (const [httpStatus, code, kind, retryable] of cases) {
    assert.deepEqual(classifyQboError({ httpStatus, code }), { kind, retryable }, `${httpStatus} ${code}`);
  }
});

void test('explanations: codes win over kinds, except for server failures', () => {
  assert.match(explainQboError('validation', '2020').explanation, /income, expense \(COGS\) and inventory asset/);
  assert.match(explainQboError('validation', '500').explanation, /plan without inventory/);
  assert.match(explainQboError('server', '500').explanation, /internal error or a temporary outage/);
  assert.match(explainQboError('validation', '1234').explanation, /rejected the data sent/);
  const kinds = [
    'throttled',
    'auth',
    'forbidden',
    'stale',
    'duplicate-name',
    'validation',
    'invalid-reference',
    'not-found',
    'server',
    'network',
  ] as const;
  for (const kind of kinds) {
    const { explanation, fix } = explainQboError(kind);
    assert.ok(explanation.length > 20 && fix.length > 20, kind);
  }
});

void test('a network failure is retryable and warns the write may have landed', () => {
  const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  const error = qboNetworkError('POST inventoryadjustment', cause);
  assert.equal(error.kind, 'network');
  assert.equal(error.retryable, true);
  assert.equal(error.httpStatus, undefined);
  assert.equal(error.message, 'No response from QuickBooks on POST inventoryadjustment (ECONNRESET)');
  assert.match(error.explanation, /may or may not have been applied/);
});

void test('parseFaultBody ignores bodies that are not faults', () => {
  assert.equal(parseFaultBody('not json'), undefined);
  assert.equal(parseFaultBody('<html></html>'), undefined);
  assert.equal(parseFaultBody('{"QueryResponse":{}}'), undefined);
});
