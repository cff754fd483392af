import type { DataConverter } from '@temporalio/common';
import type { Env } from '../config/env.js';
import { EncryptionCodec, deriveCodecKey } from './payload-codec.js';
import { keyMaterial } from './keyring.js';

/** The data converter every client, worker and replay test of this service shares. */
export function dataConverterFromEnv(env: Env): DataConverter {
  const { current, previous } = keyMaterial(env);
  return { payloadCodecs: [new EncryptionCodec(deriveCodecKey(current), previous.map(deriveCodecKey))] };
}
