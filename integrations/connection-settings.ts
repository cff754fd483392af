import { z } from 'zod';
import { sharedSettingsSchema, type SideSettings } from '../domain/connection-settings.js';
import type { Side } from '../domain/sides.js';
import type { StoredSettings } from '../storage/repositories/connections.js';
import { systemLabel, type System } from '../domain/systems.js';
import type { SystemSettings } from './side-settings.js';
import { qbdSettings, qbdSettingsSchema } from './qbd/connection-settings.js';
import { qboSettings, qboSettingsSchema } from './qbo/connection-settings.js';
import { zuperSettings, zuperSettingsSchema } from './zuper/connection-settings.js';

/** A system's settings as the registry holds them: read, changed and described only through their own schemas. */
type RegisteredSettings = SystemSettings<SideSettings, Record<string, unknown>>;
const registered = <S extends SideSettings, C extends object, F extends z.ZodRawShape>(
  settings: SystemSettings<S, C, F>,
): RegisteredSettings => settings as unknown as RegisteredSettings;

/** Each system's own settings; a new system registers its `connection-settings.ts` here (docs/sides.md, "Settings"). */
const systemSettings: Record<System, RegisteredSettings> = {
  qbo: registered(qboSettings),
  qbd: registered(qbdSettings),
  zuper: registered(zuperSettings),
};

/**
 * Per-connection configuration (one accounting company ↔ one field-service company), validated wherever it enters:
 * the settings every connection has, and each side's own under `accounting` and `field`, naming their system.
 */
export const connectionSettingsSchema = sharedSettingsSchema.extend({
  accounting: z.discriminatedUnion('system', [qboSettingsSchema, qbdSettingsSchema]),
  field: z.discriminatedUnion('system', [zuperSettingsSchema]),
});
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

interface ConnectionSystems {
  accountingSystem: System;
  fieldSystem: System;
}

const systemsOf = (connection: ConnectionSystems): Record<Side, System> => ({
  accounting: connection.accountingSystem,
  field: connection.fieldSystem,
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A connection's stored settings in either shape: per side, or flat as they were stored before migration 022 (a
 * process of the older version may still save them during a rolling upgrade), read into the connection's systems'
 * settings; null when they are not settings (a connection never configured stores `{}`).
 */
export function readConnectionSettings(
  connection: ConnectionSystems & { storedSettings: unknown },
): ConnectionSettings | null {
  const stored = connection.storedSettings;
  if (!isRecord(stored)) return null;
  const perSide = 'accounting' in stored || 'field' in stored ? stored : flatToSides(stored, connection);
  const systems = systemsOf(connection);
  // A side whose system changed (a connection configured before QuickBooks Desktop was connected to it) has none of
  // the new system's settings yet: its defaults.
  const ownSide = (side: Side) => {
    const settings = perSide[side];
    return isRecord(settings) && settings.system === systems[side] ? settings : { system: systems[side] };
  };
  const settings = connectionSettingsSchema.safeParse({
    ...perSide,
    accounting: ownSide('accounting'),
    field: ownSide('field'),
  });
  return settings.success ? settings.data : null;
}

/** Settings checked whole, as the connections repository stores them. */
export const storableSettings = (settings: ConnectionSettings): StoredSettings =>
  connectionSettingsSchema.parse(settings) as ConnectionSettings & StoredSettings;

function flatToSides(flat: Record<string, unknown>, connection: ConnectionSystems): Record<string, unknown> {
  const systems = systemsOf(connection);
  const side = (system: System) => ({ ...systemSettings[system].fromFlat(flat), system });
  return { ...flat, accounting: side(systems.accounting), field: side(systems.field) };
}

/** Every system's settings under their older top-level names (`accounts`, `qbdSite`, `defaultLocationUid`…). */
export const flatSettingsChange = {
  ...qboSettings.flatChange,
  ...qbdSettings.flatChange,
  ...zuperSettings.flatChange,
};

/** The top-level names a system's settings had before they were per side. */
const flatNamesOf = (system: System): string[] => Object.keys(systemSettings[system].flatChange);

/**
 * A side's change, as given (`accounting: {…}`, checked against the side's system, whose field names the problem) and
 * under the older top-level names (already checked), the side's system's settings with it applied. Older names of a
 * system the connection does not have are taken and not kept, as before, when every connection stored them all.
 */
export function applySideChange(
  connection: ConnectionSystems,
  side: Side,
  current: SideSettings | undefined,
  change: { flat: Record<string, unknown>; given: unknown },
): { settings: Record<string, unknown> } | { problem: { field: string; message: string } } {
  const system = systemsOf(connection)[side];
  const settings = systemSettings[system];
  const flat = Object.fromEntries(Object.entries(change.flat).filter(([name]) => flatNamesOf(system).includes(name)));
  const given = settings.change.safeParse(change.given ?? {});
  if (!given.success) {
    const issue = given.error.issues[0];
    const field = [side, ...(issue?.path ?? [])].join('.');
    return {
      problem: {
        field,
        message: `${field}: ${issue?.message ?? 'invalid'} (${systemLabel(system)} settings: the connection's ${side} system)`,
      },
    };
  }
  const merged = settings.change.parse({ ...settings.fromFlat(flat), ...given.data });
  return { settings: settings.apply(current?.system === system ? current : undefined, merged) };
}

/**
 * The settings a change names under their older top-level names for a system the connection does not have, each with
 * why it is not kept.
 */
export function settingsNotKept(connection: ConnectionSystems, flat: Record<string, unknown>): string[] {
  const systems = systemsOf(connection);
  const own = new Set([...flatNamesOf(systems.accounting), ...flatNamesOf(systems.field)]);
  return Object.keys(flat)
    .filter((name) => flat[name] !== undefined && !own.has(name))
    .map((name) => {
      const system = (Object.keys(systemSettings) as System[]).find((s) => flatNamesOf(s).includes(name));
      return system
        ? `${name}: a ${systemLabel(system)} setting, and this connection has ${systemLabel(systems.accounting)} and ${systemLabel(systems.field)}`
        : name;
    });
}

/** Each of a side's settings as a person reads it, label and value. */
export const describeSideSettings = (settings: SideSettings): [string, string][] =>
  systemSettings[settings.system].describe(settings);
