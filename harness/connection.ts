import { randomBytes } from 'node:crypto';
import type { AppContext } from '../service/context.js';
import { connectEmulatedCompanies, createEmulatedCompanies } from '../demo/emulated-connection.js';
import { emulatorsAdminClient } from '../emulators/admin-client.js';
import type { BenchEmulators } from './emulators.js';
import { sideOfSystem } from '../domain/systems.js';

export interface BenchConnection {
  connectionId: string;
  realmId: string;
  zuperCompany: string;
  zuperApiKey: string;
  zuperApiUrl: string;
  locations: { main: string; van: string };
}

/**
 * One connection seeded as the demo's is (demo/emulated-connection.ts), with a fresh Zuper company name per run and,
 * with `zuperWebhooks`, Zuper webhooks registered to the service's intake (the QBO app's webhook URL is set once per
 * emulator).
 */
export async function seedConnection(
  ctx: AppContext,
  emulators: BenchEmulators,
  options: { connectionId: string; master: 'qbo' | 'zuper'; zuperWebhooks: boolean },
): Promise<BenchConnection> {
  const { connectionId } = options;
  const companies = await createEmulatedCompanies(
    emulatorsAdminClient({ qbo: emulators.qbo.baseUrl, zuper: emulators.zuper.baseUrl }),
    {
      qboCompany: `Bench ${connectionId}`,
      zuperCompany: `bench-${connectionId}-${randomBytes(3).toString('hex')}`,
      van: 'Van 1',
      category: 'Parts',
    },
  );
  await connectEmulatedCompanies(ctx, companies, {
    id: connectionId,
    displayName: `Benchmark ${connectionId}`,
    settings: {
      productMaster: sideOfSystem(options.master),
      minQuantity: 0,
      nonInventoryQuantity: 0,
      accounting: { system: 'qbo', quantityWrite: 'inventory-adjustment', accounts: {} },
      reconcileEvery: '24h',
    },
    zuperWebhooks: options.zuperWebhooks,
  });
  const { realmId, zuperCompany, zuperApiKey, zuperApiUrl, locations } = companies;
  return { connectionId, realmId, zuperCompany, zuperApiKey, zuperApiUrl, locations };
}
