import type { ChaosItem } from './catalog.js';
import type { DefinitionEdits } from './definitions.js';
import { qboUser } from './qbo-user.js';
import { qbdUser } from './qbd-user.js';
import type { ChaosStack } from './stack.js';
import { zuperUser } from './zuper-user.js';
import { zuperUserApi } from './zuper-user-api.js';

/**
 * The people moving stock: a QuickBooks user through the emulator's admin (Online, or Desktop at its company file), a
 * Zuper user through the Zuper API. In a QuickBooks Desktop run the product master's user also changes item
 * definitions (`definitions`), which the sync copies to the other side (the other side's changes it never copies).
 */
export function usersOf(
  stack: ChaosStack,
  items: readonly ChaosItem[],
  rng: () => number,
  tag: string,
  definitions: { master: 'qbo' | 'zuper'; edits: DefinitionEdits },
) {
  const { connection } = stack;
  const zuperAdmin = stack.emulators.zuper.admin;
  const api = zuperUserApi(connection.zuperApiUrl, connection.zuperApiKey);
  const itemIds = items.map((i) => i.qboItemId);
  const accounting = stack.qbd
    ? qbdUser(stack.qbd.emulator, itemIds, rng, definitions.master === 'qbo' ? definitions.edits : undefined)
    : qboUser(stack.emulators.qbo.admin, connection.realmId, itemIds, rng);
  const zuper = zuperUser({
    api,
    admin: zuperAdmin,
    company: connection.zuperCompany,
    products: items.map((i) => ({ qboItemId: i.qboItemId, productUid: i.zuperProductUid })),
    locations: [connection.locations.main, connection.locations.van],
    rules: {
      module: zuperAdmin.getCompanySettings(connection.zuperCompany).consumption_module,
      rules: zuperAdmin.getSettings().consumption,
    },
    rng,
    tag,
    ...(stack.qbd && definitions.master === 'zuper' ? { definitions: definitions.edits } : {}),
  });
  return { sides: [accounting, zuper], zuperApi: api };
}
