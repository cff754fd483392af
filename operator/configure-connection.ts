import type { AppContext } from '../service/context.js';
import { saveSettings, type SettingsChange } from '../service/connection-settings.js';
import { reconcileSchedule } from '../client/schedules.js';
import type { ProductMasterWord } from '../domain/connection-settings.js';
import type { Side } from '../domain/sides.js';
import { sideOfSystem, systemLabel } from '../domain/systems.js';
import type { Connection } from '../storage/repositories/connections.js';
import {
  applySideChange,
  connectionSettingsSchema,
  readConnectionSettings,
  settingsNotKept,
} from '../integrations/connection-settings.js';
import { sideNames } from '../integrations/registry.js';
import { definedOnly } from '../integrations/side-settings.js';
import type { Configured } from './contract/connect.js';
import { olderMasterWords } from './contract/vendor-named-fields.js';
import { OperatorError } from './errors.js';
import { parseInput } from './parse-input.js';
import { scheduleView } from './schedule-view.js';

/**
 * Merges the change into the current settings, validates the whole, saves it with its reconciliation schedule
 * (saveSettings), and answers the settings with the schedule as Temporal now holds it.
 */
export async function configureConnection(
  ctx: AppContext,
  connectionId: string,
  change: SettingsChange,
): Promise<Configured> {
  const connection = await ctx.store.connections.get(connectionId);
  const current = readConnectionSettings(connection);
  const { productMaster, minQuantity, nonInventoryQuantity, reconcileEvery, accounting, field, ...flat } = change;
  const side = (name: Side, given: unknown) => {
    const applied = applySideChange(connection, name, current?.[name], { flat, given });
    if ('problem' in applied) {
      throw new OperatorError(400, 'invalid_input', applied.problem.message, undefined, applied.problem.field);
    }
    return applied.settings;
  };
  const settings = parseInput(connectionSettingsSchema, {
    ...current,
    ...definedOnly({ minQuantity, nonInventoryQuantity, reconcileEvery }),
    ...(productMaster ? { productMaster: masterSide(connection, productMaster) } : {}),
    accounting: side('accounting', accounting),
    field: side('field', field),
  });
  await saveSettings(ctx, connectionId, settings);
  const schedule = scheduleView(await reconcileSchedule(ctx.temporal, connectionId).describe());
  return { connectionId, settings, names: sideNames(connection), schedule, notKept: settingsNotKept(connection, flat) };
}

/**
 * The side a product master names: a side as it is, the connection's own systems by their side, and the older words
 * as before; a system the connection does not have is refused, naming the words this connection takes.
 */
function masterSide(connection: Connection, word: ProductMasterWord): Side {
  if (word === 'accounting' || word === 'field') return word;
  const ownSystem = word === connection.accountingSystem || word === connection.fieldSystem;
  if (ownSystem || (olderMasterWords as readonly ProductMasterWord[]).includes(word)) return sideOfSystem(word);
  const names = sideNames(connection);
  throw new OperatorError(
    400,
    'invalid_input',
    `productMaster: "${connection.id}" has no ${systemLabel(word)}: its product master is accounting or ` +
      `${connection.accountingSystem} (${names.accounting.system}), or field or ${connection.fieldSystem} (${names.field.system}).`,
    undefined,
    'productMaster',
  );
}
