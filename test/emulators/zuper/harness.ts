import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CompanyInfo,
  type CreateCompanyInput,
  type RunningZuperEmulator,
  startZuperEmulator,
  type StartZuperEmulatorOptions,
} from '../../../emulators/zuper/index.js';

export interface ApiResponse {
  status: number;
  // Test code inspects arbitrary JSON envelopes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export interface Harness {
  emu: RunningZuperEmulator;
  company: CompanyInfo;
  /** Location uids W1, W2 and the "Parts" category uid of the default company. */
  w1: string;
  w2: string;
  category: string;
  /** Calls the API with the company's full key (or `key`). */
  api(method: string, path: string, body?: unknown, key?: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // Zuper answers a path it has no route for with an HTML page: kept as text.
  const json = res.headers.get('content-type')?.includes('json') ?? false;
  const answer = text && json ? (JSON.parse(text) as unknown) : text || undefined;
  return { status: res.status, body: answer, headers: res.headers };
}

/** An emulator with one company ("acme") holding two warehouses and one category. */
export async function startHarness(
  opts: StartZuperEmulatorOptions & { company?: Partial<CreateCompanyInput> } = {},
): Promise<Harness> {
  const { company: companyOverrides, ...emulatorOpts } = opts;
  const emu = await startZuperEmulator({ timeScale: 1000, ...emulatorOpts });
  const company = emu.admin.createCompany({
    company_name: 'acme',
    api_key: 'acme-full-key',
    read_only_api_key: 'acme-read-key',
    locations: [{ location_name: 'W1' }, { location_name: 'W2', location_type: 'VAN' }],
    categories: [{ category_name: 'Parts' }],
    ...companyOverrides,
  });
  const [w1 = '', w2 = ''] = company.location_uids;
  return {
    emu,
    company,
    w1,
    w2,
    category: company.category_uids[0] ?? '',
    api: (method, path, body, key = company.api_key) => call(emu.baseUrl, method, path, body, { 'x-api-key': key }),
    close: () => emu.close(),
  };
}

/** Creates a product through the API and returns its uid. */
export async function createProduct(h: Harness, product: Record<string, unknown>): Promise<string> {
  const res = await h.api('POST', '/api/product', {
    product: { product_name: 'Widget', product_category: h.category, ...product },
  });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { data: { product_uid: string } }).data.product_uid;
}

/** Per-location quantities of a product read through the API, plus its reported total. */
export async function stockOf(h: Harness, uid: string): Promise<{ total: number; byLocation: Record<string, number> }> {
  const res = await h.api('GET', `/api/product/${uid}`);
  const { data } = res.body as {
    data: { quantity: number; location_availability: { location: { location_uid: string }; quantity: number }[] };
  };
  const byLocation: Record<string, number> = {};
  for (const entry of data.location_availability) byLocation[entry.location.location_uid] = entry.quantity;
  return { total: data.quantity, byLocation };
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver answering with the given statuses in turn (the last one repeats). */
export async function startReceiver(statuses: number[] = [200]): Promise<{
  url: string;
  received: ReceivedHook[];
  close(): Promise<void>;
}> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = statuses[Math.min(received.length, statuses.length - 1)] ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = status;
      res.end(status >= 300 ? 'nope' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
