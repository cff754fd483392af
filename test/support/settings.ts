import assert from 'node:assert/strict';
import type { System } from '../../domain/systems.js';
import { readConnectionSettings, type ConnectionSettings } from '../../integrations/connection-settings.js';

/**
 * A connection's settings from their older top-level names (`defaultLocationUid`, `qboQuantityWrite`, `qbdSite`…),
 * read as stored settings of that shape are, for a connection with this accounting system and Zuper.
 */
export function settingsFromFlat(flat: Record<string, unknown>, accountingSystem: System = 'qbo'): ConnectionSettings {
  const settings = readConnectionSettings({ storedSettings: flat, accountingSystem, fieldSystem: 'zuper' });
  assert.ok(settings, `settings read from ${JSON.stringify(flat)}`);
  return settings;
}
