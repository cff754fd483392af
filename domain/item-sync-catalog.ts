import type { Side } from './sides.js';

/**
 * The catalog an item's definition sync is for, by the names its workflow ids and recorded inputs carry: `qbo` is the
 * accounting side's (whichever system sits there), `zuper` the field side's. Running workflows carry them: never
 * change one.
 */
export type ItemSyncCatalog = 'qbo' | 'zuper';

export const itemSyncCatalogOf = (side: Side): ItemSyncCatalog => (side === 'accounting' ? 'qbo' : 'zuper');
