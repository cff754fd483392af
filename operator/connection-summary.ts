import type { Connection } from '../storage/repositories/connections.js';
import { olderConnectionFields, sideAccounts } from '../integrations/registry.js';
import { readConnectionSettings } from '../integrations/connection-settings.js';
import type { ConnectionSummary } from './contract/connection.js';

export const connectionSummary = (c: Connection): ConnectionSummary => ({
  id: c.id,
  displayName: c.displayName,
  status: c.status,
  statusReason: c.statusReason,
  configured: readConnectionSettings(c) !== null,
  sides: sideAccounts(c),
  ...olderConnectionFields(c),
});
