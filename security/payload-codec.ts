import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface CodecKey {
  id: string;
  key: Buffer;
}

/** A codec key derived from a secrets key, so the two uses never share key material. */
export function deriveCodecKey(secret: CodecKey): CodecKey {
  return {
    id: secret.id,
    key: Buffer.from(hkdfSync('sha256', secret.key, Buffer.alloc(0), 'qzsync temporal payloads', 32)),
  };
}

/**
 * Encrypts every Temporal payload (workflow inputs, results, signals, activity arguments) with AES-256-GCM, so
 * business data and anything sensitive never sits in clear in the Temporal database or UI. Older keys decrypt.
 */
export class PayloadDecodeError extends Error {
  override name = 'PayloadDecodeError';
}

export class EncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly current: CodecKey,
    previous: CodecKey[] = [],
  ) {
    this.keys = new Map([[current.id, current.key], ...previous.map((k) => [k.id, k.key] as const)]);
  }

  encode(payloads: Payload[]): Promise<Payload[]> {
    // Inside then(): a failure becomes a rejection, as callers of a codec expect.
    return Promise.resolve().then(() =>
      payloads.map((payload) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return {
          metadata: { encoding: encoder.encode(ENCODING), 'encryption-key-id': encoder.encode(this.current.id) },
          data,
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve().then(() =>
      payloads.map((payload) => {
        if (!payload.metadata || decoder.decode(payload.metadata.encoding) !== ENCODING) return payload;
        const keyId = decoder.decode(payload.metadata['encryption-key-id']);
        const key = this.keys.get(keyId);
        if (!key) throw new PayloadDecodeError(`payload encrypted with unknown key id "${keyId}"`);
        const data = Buffer.from(payload.data ?? new Uint8Array());
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
          decipher.setAuthTag(data.subarray(data.length - 16));
          const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
          return temporal.api.common.v1.Payload.decode(plain);
        } catch (err) {
          // Too short, altered, or sealed under another key with the same id: nothing to read, whoever asks.
          throw new PayloadDecodeError(`payload with key id "${keyId}" cannot be decrypted`, { cause: err });
        }
      }),
    );
  }
}
