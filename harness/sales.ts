import { sellOnInvoice } from '../emulators/qbo/index.js';
import { consumeOnInvoice } from '../emulators/zuper/index.js';
import type { BenchEmulators } from './emulators.js';
import type { BenchConnection } from './connection.js';

/** A QBO invoice selling `qty` of an item at the benchmarks' unit price, entered as a QBO user. Returns its Id. */
export const sellInQbo = (emulators: BenchEmulators, realmId: string, itemId: string, qty: number): string =>
  sellOnInvoice(emulators.qbo.admin, realmId, { itemId, qty, unitPrice: 10 });

/** A Zuper invoice consuming `qty` of a product at the connection's main location, through Zuper's API. */
export const consumeInZuper = (connection: BenchConnection, productUid: string, qty: number): Promise<string> =>
  consumeOnInvoice(connection.zuperApiUrl, connection.zuperApiKey, {
    productUid,
    locationUid: connection.locations.main,
    qty,
    unitPrice: 1,
  });
