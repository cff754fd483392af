import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { verifyIntuitSignature } from '../../../integrations/qbo/webhook-signature.js';

// Intuit's own test vector (QuickBooks-V3-Java-SDK WebhooksServiceTest.java, docs/qbo-behaviour.md, "Webhook payloads and delivery").
const javaSdk = {
  verifierToken: 'b5771f19b12ddb4bcdb9f08bdc50bc63878a',
  signature: 'JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q=',
  payload:
    '{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}',
};

test("accepts Intuit's published signature for its published payload", () => {
  assert.equal(verifyIntuitSignature(Buffer.from(javaSdk.payload), javaSdk.signature, javaSdk.verifierToken), true);
});

test('accepts a signature computed independently over the exact bytes', () => {
  const body = Buffer.from('[{"id":"e1","type":"qbo.item.updated.v1"}]');
  const signature = createHmac('sha256', 'token-1').update(body).digest('base64');
  assert.equal(verifyIntuitSignature(body, signature, 'token-1'), true);
});

test('rejects the wrong verifier token, a changed byte, a re-serialised body, and a missing or garbled header', () => {
  const body = Buffer.from(javaSdk.payload);
  assert.equal(verifyIntuitSignature(body, javaSdk.signature, 'another-token'), false);
  const tampered = Buffer.from(javaSdk.payload.replace('"id":"1"', '"id":"2"'));
  assert.equal(verifyIntuitSignature(tampered, javaSdk.signature, javaSdk.verifierToken), false);
  const reformatted = Buffer.from(JSON.stringify(JSON.parse(javaSdk.payload), null, 1));
  assert.equal(verifyIntuitSignature(reformatted, javaSdk.signature, javaSdk.verifierToken), false);
  assert.equal(verifyIntuitSignature(body, undefined, javaSdk.verifierToken), false);
  assert.equal(verifyIntuitSignature(body, '1234', javaSdk.verifierToken), false);
  assert.equal(verifyIntuitSignature(body, javaSdk.signature.slice(0, -4), javaSdk.verifierToken), false);
});

test('rejects the right signature with junk around it, which lenient base64 decoding would skip', () => {
  const body = Buffer.from(javaSdk.payload);
  for (const header of [`${javaSdk.signature}!!!***`, ` ${javaSdk.signature}`, javaSdk.signature.replace('Q=', 'Q')]) {
    assert.equal(Buffer.from(header, 'base64').equals(Buffer.from(javaSdk.signature, 'base64')), true, header);
    assert.equal(verifyIntuitSignature(body, header, javaSdk.verifierToken), false, header);
  }
});
