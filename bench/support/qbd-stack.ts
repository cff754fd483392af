import { storableSettings } from '../../integrations/connection-settings.js';
import { connectWithApiKey } from '../../integrations/connection-credentials.js';
import type { QbdEmulator, WebConnectorSimulator } from '../../emulators/qbd/index.js';
import { connectEmulatedQbd } from '../../harness/qbd-connection.js';
import type { BenchEnvironment } from './benchmark.js';
import { startBenchStack, type BenchStack } from './stack.js';
import { sideOfSystem } from '../../domain/systems.js';
import { saveZuperKey } from '../../integrations/zuper/credentials.js';

export interface QbdBenchStackOptions {
  connectionId: string;
  /** The product master: `qbo` is the accounting side, here QuickBooks Desktop. */
  master: 'qbo' | 'zuper';
  /** Real seconds between two Web Connector sessions (the nominal minute, scaled). */
  pollRealSeconds: number;
  zuperPlanPerMinute: number;
  /** How much faster than real time the Zuper emulator's clock and rate windows run. */
  zuperTimeScale: number;
  /** Register Zuper's webhooks with the intake (consumptions in Zuper reach the service). */
  zuperWebhooks: boolean;
  /** Export every process's trace spans to this OTLP/HTTP endpoint. */
  traceTo?: string;
}

export interface QbdBenchConnection {
  connectionId: string;
  zuperCompany: string;
  zuperApiKey: string;
  zuperApiUrl: string;
  mainLocation: string;
}

export interface QbdBenchStack {
  stack: BenchStack;
  qbd: QbdEmulator;
  /** The emulated Web Connector, polling the service's /qbwc once `connector.start()` is called. */
  connector: WebConnectorSimulator;
  connection: QbdBenchConnection;
  /** Zuper total over all locations as the emulator holds it. */
  zuperQty(productUid: string): number;
  stop(): Promise<void>;
}

/**
 * A QuickBooks Desktop connection as deployed: the benchmark stack (worker process, PostgreSQL, the HTTP server with
 * its /qbwc endpoint and webhook intake), a Zuper company connected by its key, and the QuickBooks Desktop emulator's
 * company file connected as `qzsync connect qbd` does it (a Web Connector login; the quantity watch starts). The
 * Web Connector's clock runs so that its nominal minute between sessions lasts `pollRealSeconds`.
 */
export async function startQbdBenchStack(env: BenchEnvironment, options: QbdBenchStackOptions): Promise<QbdBenchStack> {
  const stack = await startBenchStack(env, {
    timeScale: options.zuperTimeScale,
    zuperPlanPerMinute: options.zuperPlanPerMinute,
    workers: env.workers ?? 1,
    intake: true,
    database: 'postgres',
    ...(options.traceTo ? { traceTo: options.traceTo } : {}),
  });
  try {
    const { ctx } = stack;
    const { connectionId } = options;
    const company = stack.emulators.zuper.admin.createCompany({
      company_name: `bench-${connectionId}-${Date.now().toString(36)}`,
      locations: [{ location_name: 'Main Warehouse' }],
      categories: [{ category_name: 'Parts' }],
    });
    const [mainLocation] = company.location_uids as [string];
    const zuperApiUrl = `${stack.emulators.zuper.baseUrl}/api`;
    await ctx.store.connections.create(connectionId, `Benchmark ${connectionId}`);
    await ctx.store.connections.saveSettings(
      connectionId,
      storableSettings({
        productMaster: sideOfSystem(options.master),
        minQuantity: 0,
        nonInventoryQuantity: 0,
        accounting: { system: 'qbd', accounts: {} },
        field: { system: 'zuper', defaultLocationUid: mainLocation },
        reconcileEvery: '24h',
      }),
    );
    if (options.zuperWebhooks) {
      await connectWithApiKey(ctx, connectionId, {
        company: company.company_name,
        apiKey: company.api_key,
        apiUrl: zuperApiUrl,
      });
    } else {
      await saveZuperKey(ctx.store, connectionId, {
        company: company.company_name,
        apiUrl: zuperApiUrl,
        apiKey: company.api_key,
        webhookSecret: 'unused',
      });
    }
    const { emulator: qbd, connector } = await connectEmulatedQbd(ctx, connectionId, {
      httpPort: Number(new URL(stack.intakeUrl!).port),
      pollRealSeconds: options.pollRealSeconds,
      log: (line) => env.log(line),
    });
    return {
      stack,
      qbd,
      connector,
      connection: {
        connectionId,
        zuperCompany: company.company_name,
        zuperApiKey: company.api_key,
        zuperApiUrl,
        mainLocation,
      },
      zuperQty: (uid) => Number(stack.emulators.zuper.admin.product(company.company_name, uid)?.quantity ?? NaN),
      async stop() {
        await connector.stop().catch((error: Error) => env.log(`Web Connector: ${error.message}`));
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
