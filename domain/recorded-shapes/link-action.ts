import type { ItemKind } from '../catalog/kinds.js';
import type { LinkAction } from '../catalog/matching.js';
import type { Side } from '../sides.js';

/**
 * The names plans made before the sides were named gave the two catalogs: `qbo` the accounting one (whichever
 * QuickBooks), `zuper` the field one. Only stored plans and recorded activity results still carry them.
 */
type OlderCatalog = 'qbo' | 'zuper';

/** A linking action as plans made before the sides were named stored it (and histories recorded it). */
export type OlderLinkAction =
  | { action: 'keep'; qboItemId: string; zuperProductUid: string }
  | {
      action: 'link';
      by: 'sku' | 'name';
      qboItemId: string;
      zuperProductUid: string;
      kind: ItemKind;
      quantityChange: { system: OlderCatalog; from: number; to: number } | null;
    }
  | { action: 'create'; in: OlderCatalog; fromId: string; name: string; kind: ItemKind }
  | { action: 'skip'; system: OlderCatalog; id: string; name: string; reason: string };

/** A linking action as found in a stored plan, a report's details or a recorded history: of either shape. */
export type StoredLinkAction = LinkAction | OlderLinkAction;

const sideOfCatalog = (catalog: OlderCatalog | Side): Side =>
  catalog === 'qbo' || catalog === 'accounting' ? 'accounting' : 'field';

/**
 * Reads a stored linking action in the current shape. Older plans (and a worker of the older version during a
 * rolling upgrade) name the catalogs `qbo`/`zuper` and the ids `qboItemId`/`zuperProductUid`; anything else the
 * action carries (a create's copy source) is kept as it is.
 */
export function linkActionOf<Extra extends object = object>(stored: StoredLinkAction & Extra): LinkAction & Extra {
  return readOlder(stored);
}

function readOlder(stored: StoredLinkAction): LinkAction {
  if ('qboItemId' in stored) {
    const { qboItemId, zuperProductUid, ...rest } = stored;
    const ids = { accountingItemId: qboItemId, fieldItemId: zuperProductUid };
    if (rest.action === 'keep') return { ...rest, ...ids };
    const { quantityChange, ...link } = rest;
    const change = quantityChange && {
      side: sideOfCatalog(quantityChange.system),
      from: quantityChange.from,
      to: quantityChange.to,
    };
    return { ...link, ...ids, quantityChange: change };
  }
  if (stored.action === 'create') return { ...stored, in: sideOfCatalog(stored.in) };
  if ('system' in stored) {
    const { system, ...skip } = stored;
    return { ...skip, side: sideOfCatalog(system) };
  }
  return stored;
}
