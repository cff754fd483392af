import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createZuperClient,
  discoverZuperApiUrl,
  ZuperApiError,
  ZuperCompanyNotFoundError,
} from '../../../integrations/zuper/index.js';
import { type EmulatedZuper, startEmulatedZuper, thrown } from './emulator-harness.js';

void describe('Zuper client against the emulator: discovery and keys', () => {
  let z: EmulatedZuper;
  before(async () => {
    z = await startEmulatedZuper();
  });
  after(() => z.close());

  void it('discovers the data-centre API root from the company login name', async () => {
    const apiUrl = await discoverZuperApiUrl({ accountsUrl: z.emu.baseUrl, companyLoginName: 'acme' });
    assert.equal(apiUrl, `${z.emu.baseUrl}/api`);
    const client = createZuperClient({ apiBaseUrl: apiUrl, apiKey: z.company.api_key });
    assert.deepEqual(
      (await client.listLocations()).map((l) => l.name),
      ['W1', 'W2'],
    );
  });

  void it('reports an unknown company with a typed, explained error', async () => {
    const error = await thrown(() => discoverZuperApiUrl({ accountsUrl: z.emu.baseUrl, companyLoginName: 'nobody' }));
    assert.ok(error instanceof ZuperCompanyNotFoundError);
    assert.equal(error.companyLoginName, 'nobody');
    assert.equal(error.retryable, false);
    assert.match(error.message, /no company with login name "nobody" \(Company not found\)/);
    assert.match(error.fix, /login page/);
  });

  void it('maps a wrong key to a non-retryable auth error', async () => {
    const client = z.clientWith({ apiKey: 'not-a-key' });
    const error = await thrown(() => client.listProducts({ page: 1, count: 10 }));
    assert.ok(error instanceof ZuperApiError);
    assert.deepEqual(
      [error.kind, error.httpStatus, error.retryable, error.endpoint, error.message],
      ['auth', 401, false, 'GET /product', 'Invalid API Key'],
    );
  });

  void it('lets a read-only key read but maps its writes to forbidden, with the fix', async () => {
    const readOnly = z.clientWith({ apiKey: z.company.read_only_api_key });
    assert.equal((await readOnly.listCategories()).length, 1);
    const error = await thrown(() => readOnly.createCategory({ name: 'Valves' }));
    assert.ok(error instanceof ZuperApiError);
    assert.deepEqual([error.kind, error.httpStatus, error.retryable], ['forbidden', 403, false]);
    assert.match(error.fix, /without the "Read-only" option/);
    assert.equal((await z.client.listCategories()).length, 1, 'nothing was written');
  });

  void it('maps a read-only 401 (the other status seen in the wild) to auth and names the read-only cause', async () => {
    z.emu.admin.updateSettings({ auth: { readOnlyStatus: 401 } });
    try {
      const readOnly = z.clientWith({ apiKey: z.company.read_only_api_key });
      const error = await thrown(() => readOnly.createCategory({ name: 'Valves' }));
      assert.ok(error instanceof ZuperApiError);
      assert.deepEqual([error.kind, error.httpStatus], ['auth', 401]);
      assert.match(error.explanation, /read-only key used for a change/);
    } finally {
      z.emu.admin.updateSettings({ auth: { readOnlyStatus: 403 } });
    }
  });
});
