import type { Connection } from '../storage/repositories/connections.js';
import { readConnectionSettings } from '../integrations/connection-settings.js';
import type { ConnectionSummary } from './contract/connection.js';

export const connectionSummary = (c: Connection): ConnectionSummary => ({
  id: c.id,
  displayName: c.displayName,
  status: c.status,
  statusReason: c.statusReason,
  configured: readConnectionSettings(c) !== null,
  qboConnected: c.hasQboTokens,
  qboRealmId: c.qboRealmId,
  zuperConnected: c.hasZuperKey,
  zuperCompany: c.zuperCompany,
});
