import { createZuperClient, type ZuperClient, type ZuperClientOptions } from '../../../integrations/zuper/index.js';
import type { ZuperSettingsPatch } from '../../../emulators/zuper/index.js';
import { type Harness, startHarness } from '../../emulators/zuper/harness.js';

export { startReceiver } from '../../emulators/zuper/harness.js';

export interface EmulatedZuper extends Harness {
  apiBaseUrl: string;
  client: ZuperClient;
  /** Another client for the same company, e.g. with a different key or hooks. */
  clientWith(options: Partial<ZuperClientOptions>): ZuperClient;
  /** Raw API call below /api with the full key, for records the client does not write (invoices). */
  raw(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** Sequence number of the newest request-log entry, to look only at later requests. */
  lastSeq(): number;
  /** A quantity-tracked part stocked at W1; returns its uid. */
  createPart(name: string, quantityAtW1?: number): Promise<string>;
}

/** The emulator's test company "acme" (locations W1 and W2, category "Parts", fast clock) plus our client. */
export async function startEmulatedZuper(settings: ZuperSettingsPatch = {}): Promise<EmulatedZuper> {
  const h = await startHarness({ settings });
  const apiBaseUrl = `${h.emu.baseUrl}/api`;
  const clientWith = (options: Partial<ZuperClientOptions>) =>
    createZuperClient({ apiBaseUrl, apiKey: h.company.api_key, ...options });
  const client = clientWith({});
  return {
    ...h,
    apiBaseUrl,
    client,
    clientWith,
    async raw(method, path, body) {
      const res = await h.api(method, `/api${path}`, body);
      return { status: res.status, body: res.body as unknown };
    },
    lastSeq: () => h.emu.admin.requestLog().at(-1)?.seq ?? 0,
    createPart: (name, quantityAtW1 = 0) =>
      client.createProduct({
        name,
        categoryUid: h.category,
        type: 'PARTS',
        trackQuantity: true,
        locations: [{ locationUid: h.w1, quantity: quantityAtW1 }],
      }),
  };
}

/** Runs `fn` and returns what it threw (fails the test when it does not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure, got success');
}
