import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createSecretBox, SecretBoxError } from '../../security/secret-box.js';
import { EncryptionCodec, deriveCodecKey } from '../../security/payload-codec.js';
import { defaultPayloadConverter } from '@temporalio/common';

describe('secret box', () => {
  const k1 = { id: 'k1', key: randomBytes(32) };
  const k2 = { id: 'k2', key: randomBytes(32) };

  it('round-trips, never shows the plaintext and names its key', () => {
    const box = createSecretBox(k1);
    const sealed = box.seal('refresh-token-123');
    assert.ok(!sealed.includes('refresh-token-123'));
    assert.match(sealed, /^v1\.k1\./);
    assert.equal(box.open(sealed), 'refresh-token-123');
  });

  it('reads secrets sealed with a previous key after rotation and flags them for re-sealing', () => {
    const sealed = createSecretBox(k1).seal('api-key');
    const rotated = createSecretBox(k2, [k1]);
    assert.equal(rotated.open(sealed), 'api-key');
    assert.equal(rotated.needsRotation(sealed), true);
    assert.equal(rotated.needsRotation(rotated.seal('x')), false);
    assert.throws(() => createSecretBox(k2).open(sealed), /unknown key id "k1"/);
  });

  it('detects tampering', () => {
    const box = createSecretBox(k1);
    const parts = box.seal('secret').split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => box.open(parts.join('.')), SecretBoxError);
  });
});

describe('payload encryption codec', () => {
  it('encrypts payloads so the plaintext never appears, and decodes with current or previous keys', async () => {
    const oldKey = deriveCodecKey({ id: 'old', key: randomBytes(32) });
    const newKey = deriveCodecKey({ id: 'new', key: randomBytes(32) });
    const payload = defaultPayloadConverter.toPayload({ apiKey: 'zk_secret_value', qty: 7 });
    const [encoded] = await new EncryptionCodec(oldKey).encode([payload]);
    assert.ok(!Buffer.from(encoded!.data!).toString('latin1').includes('zk_secret_value'));
    const [decoded] = await new EncryptionCodec(newKey, [oldKey]).decode([encoded!]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded!), { apiKey: 'zk_secret_value', qty: 7 });
    await assert.rejects(new EncryptionCodec(newKey).decode([encoded!]), /unknown key id "old"/);
  });

  it('passes through payloads that were never encrypted', async () => {
    const payload = defaultPayloadConverter.toPayload('plain');
    const [decoded] = await new EncryptionCodec(deriveCodecKey({ id: 'k', key: randomBytes(32) })).decode([payload]);
    assert.equal(defaultPayloadConverter.fromPayload(decoded!), 'plain');
  });
});
