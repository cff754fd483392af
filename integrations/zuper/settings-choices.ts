import type { SettingChoice } from '../../domain/connection-settings.js';
import type { ZuperClient } from './client.js';

/** The locations (not deleted) a connection's default location can be. */
export async function locationChoices(zuper: ZuperClient): Promise<SettingChoice[]> {
  return (await zuper.listLocations()).filter((l) => !l.isDeleted).map((l) => ({ value: l.uid, label: l.name }));
}
