import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { requireReady } from '../../operator/require-ready.js';
import { OperatorError } from '../../operator/errors.js';
import { settingsFromFlat } from '../support/settings.js';
import type { System } from '../../domain/systems.js';
import type { Connection } from '../../storage/repositories/connections.js';

const connection = (
  accountingSystem: System,
  connectedSystems: System[],
  over: Partial<Connection> = {},
): Connection => ({
  id: 'acme',
  displayName: 'Acme',
  accountingSystem,
  fieldSystem: 'zuper',
  storedSettings: settingsFromFlat({ productMaster: 'accounting', defaultLocationUid: 'loc-1' }, accountingSystem),
  status: 'active',
  statusReason: null,
  credentials: Object.fromEntries(
    connectedSystems.map((system) => [system, { system, lookupKey: null, details: {}, connected: true }]),
  ),
  connectedSystems,
  ...over,
});

/** The refusal's code and fix, or null when the run may start. */
const refusal = (c: Connection): { code: string; fix: string | undefined } | null => {
  try {
    requireReady(c);
    return null;
  } catch (error) {
    if (!(error instanceof OperatorError)) throw error;
    return { code: error.code, fix: error.fix };
  }
};

describe('a link or reconcile run asks for both sides connected', () => {
  it('starts on a QuickBooks Desktop connection with its Web Connector login and Zuper, without QuickBooks Online', () => {
    assert.equal(refusal(connection('qbd', ['qbd', 'zuper'])), null);
    assert.equal(refusal(connection('qbo', ['qbo', 'zuper'])), null);
  });

  it('names the system that is missing and how to connect it', () => {
    assert.deepEqual(refusal(connection('qbd', ['zuper'])), {
      code: 'qbd_not_connected',
      fix: 'Run `qzsync connect qbd acme` (`qzsync connect --help` lists what each system needs).',
    });
    assert.equal(refusal(connection('qbo', ['zuper']))?.code, 'qbo_not_connected');
    assert.equal(refusal(connection('qbd', ['qbd']))?.code, 'zuper_not_connected');
    assert.equal(refusal(connection('qbd', ['qbd', 'zuper'], { storedSettings: {} }))?.code, 'not_configured');
    assert.equal(
      refusal(connection('qbo', ['qbo', 'zuper'], { status: 'needs_reconnect', statusReason: 'refused' }))?.code,
      'needs_reconnect',
    );
  });
});
