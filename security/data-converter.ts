import type { DataConverter } from '@temporalio/common';
import type { Env } from '../config/env.js';
import { EncryptionCodec, deriveCodecKey, type CodecKey } from './payload-codec.js';
import { keyMaterial } from './keyring.js';
import { failureConverterPath } from './failure-converter-path.js';

/**
 * Payloads encrypted with `current` (older keys still decrypt), and failure messages and stack traces moved into
 * encoded attributes so the codec encrypts them too.
 */
export function dataConverterWithKeys(current: CodecKey, previous: CodecKey[] = []): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(current, previous)], failureConverterPath };
}

/** The data converter every client, worker and replay test of this service shares. */
export function dataConverterFromEnv(env: Env): DataConverter {
  const { current, previous } = keyMaterial(env);
  return dataConverterWithKeys(deriveCodecKey(current), previous.map(deriveCodecKey));
}
