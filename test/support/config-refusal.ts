import assert from 'node:assert/strict';
import { ConfigError, loadEnv } from '../../config/env.js';

/** Asserts that loading `vars` fails with a ConfigError whose whole message is `message`. */
export function assertConfigRefused(vars: Record<string, string>, message: string, label?: string): void {
  assert.throws(
    () => loadEnv(vars),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, message);
      return true;
    },
    label,
  );
}
