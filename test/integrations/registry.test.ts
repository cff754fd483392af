import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isReconnectFailureCode } from '../../integrations/registry.js';

describe('failures that need a reconnection', () => {
  it('are any system’s refused credentials and QuickBooks Online’s OAuth refusals a new authorisation fixes', () => {
    const reconnect = ['zuper:auth', 'qbo:auth', 'qbd:auth', 'qbo:invalid_grant', 'qbo:access_denied'];
    const other = ['qbo:invalid_client', 'qbo:throttled', 'zuper:invalid_grant', 'qbd:site-missing', 'invalid_grant'];
    assert.deepEqual(reconnect.filter(isReconnectFailureCode), reconnect);
    assert.deepEqual(other.filter(isReconnectFailureCode), [], 'a wrong app secret is fixed in the configuration');
  });
});
