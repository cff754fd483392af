import type { DataConverter } from '@temporalio/common';
import { loadEnv } from '../config/env.js';
import { dataConverterFromEnv } from '../security/data-converter.js';

/**
 * TEST ONLY: the secrets key the committed workflow histories in test/histories were recorded with, committed on
 * purpose so the replay test can decrypt them. It protects nothing and must never be used by a deployment.
 */
export const REPLAY_TEST_ONLY_SECRETS = {
  SECRETS_KEY: 'UjNRacNQ53FEZ5naw7XD6BCq0iNMX2bTgr6mwydumO0=',
  SECRETS_KEY_ID: 'replay-test-only',
} as const;

/** The service's own data converter (payload encryption) built from the test-only key, as a worker would build it. */
export const replayTestDataConverter = (): DataConverter =>
  dataConverterFromEnv(loadEnv({ ...REPLAY_TEST_ONLY_SECRETS }));
