import { z } from 'zod';
import { storableText } from '../../domain/input-rules.js';
import type { SideSettings } from '../../domain/connection-settings.js';
import { definedOnly, type SystemSettings } from '../side-settings.js';

/** Zuper's settings on the field side of a connection. */
export const zuperSettingsSchema = z.object({
  system: z.literal('zuper'),
  /** The location where items copied from the accounting side are stocked and the accounting side's changes land. */
  defaultLocationUid: z.string().min(1),
});
export type ZuperSettings = z.infer<typeof zuperSettingsSchema>;

/** A connection's Zuper settings; null before it is configured, or when its field side is another system. */
export const zuperSettingsOf = (settings: { field: SideSettings } | null): ZuperSettings | null =>
  settings?.field.system === 'zuper' ? (settings.field as ZuperSettings) : null;

const locationChange = storableText();
const zuperSettingsChange = z.strictObject({ defaultLocationUid: locationChange }).partial();
type ZuperSettingsChange = z.infer<typeof zuperSettingsChange>;

const flatChange = { defaultLocationUid: locationChange.optional() };

export const zuperSettings: SystemSettings<ZuperSettings, ZuperSettingsChange, typeof flatChange> = {
  stored: zuperSettingsSchema,
  change: zuperSettingsChange,
  apply: (current, change) => ({ ...current, ...definedOnly(change), system: 'zuper' }),
  flatChange,
  fromFlat: (flat) => definedOnly({ defaultLocationUid: flat.defaultLocationUid }),
  describe: (settings) => [['Default location', settings.defaultLocationUid]],
};
