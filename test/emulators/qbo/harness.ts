import {
  startQboEmulator,
  type RunningQboEmulator,
  type StartQboEmulatorOptions,
} from '../../../emulators/qbo/index.js';

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // Tests inspect arbitrary JSON shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface Harness {
  emu: RunningQboEmulator;
  realmId: string;
  clientId: string;
  token: string;
  get(path: string, token?: string): Promise<ApiResponse>;
  post(path: string, body: unknown, token?: string): Promise<ApiResponse>;
  query(sql: string): Promise<ApiResponse>;
  /** Creates an Inventory item with the standard accounts and returns it. */
  inventoryItem(name: string, qty: number, extra?: Record<string, unknown>): Promise<Record<string, unknown>>;
  qtyOf(itemId: string): Promise<number>;
  close(): Promise<void>;
}

export const clientId = 'test-client';
export const clientSecret = 'test-secret';
export const redirectUri = 'http://localhost:3000/callback';

export async function toResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** An emulator with one app, one company and a valid access token for it. */
export async function startHarness(opts: StartQboEmulatorOptions = {}): Promise<Harness> {
  const emu = await startQboEmulator({ timeScale: 1000, ...opts });
  emu.admin.registerApp({ clientId, clientSecret, redirectUris: [redirectUri] });
  const { realmId } = emu.admin.createRealm();
  const { access_token: token } = emu.admin.issueTokens({ clientId, realmId });
  const base = `${emu.baseUrl}/v3/company/${realmId}/`;
  const headers = (t: string) => ({ authorization: `Bearer ${t}`, accept: 'application/json' });
  const h: Harness = {
    emu,
    realmId,
    clientId,
    token,
    get: async (path, t = h.token) => toResponse(await fetch(base + path, { headers: headers(t) })),
    post: async (path, body, t = h.token) =>
      toResponse(
        await fetch(base + path, {
          method: 'POST',
          headers: { ...headers(t), 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    query: (sql) => h.get(`query?query=${encodeURIComponent(sql)}&minorversion=75`),
    inventoryItem: async (name, qty, extra = {}) => {
      const res = await h.post('item', {
        Name: name,
        Type: 'Inventory',
        TrackQtyOnHand: true,
        QtyOnHand: qty,
        InvStartDate: '2025-01-01',
        IncomeAccountRef: { value: '79' },
        ExpenseAccountRef: { value: '80' },
        AssetAccountRef: { value: '81' },
        ...extra,
      });
      if (res.status !== 200) throw new Error(`item create failed: ${res.text}`);
      return (res.json as { Item: Record<string, unknown> }).Item;
    },
    qtyOf: async (itemId) => {
      const res = await h.get(`item/${itemId}`);
      return Number((res.json as { Item: { QtyOnHand: unknown } }).Item.QtyOnHand);
    },
    close: () => emu.close(),
  };
  return h;
}

/** `{ Fault: { Error: [{ code }] } }` → the first code, for terse assertions. */
export function faultCode(res: ApiResponse): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access
  return res.json?.Fault?.Error?.[0]?.code as string | undefined;
}
