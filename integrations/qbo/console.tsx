import type { ConsoleSettingsPart, ConsoleKit, SystemConsoleOf } from '../system-console.js';
import type { QboAccountSetting } from './connection-settings.js';
import type { QboConnectLink } from './operator-contract.js';

const accountLabels: Record<QboAccountSetting, string> = {
  incomeAccountId: 'Income account (new inventory items)',
  cogsAccountId: 'Cost of goods sold account',
  assetAccountId: 'Inventory asset account',
  adjustmentAccountId: 'Inventory adjustment account',
};
const accountSettings = Object.keys(accountLabels) as QboAccountSetting[];

/** Its settings on the form: the account of each role, chosen among the company's, and how quantities are written. */
const qboSettingsPart = ({ Select }: ConsoleKit): ConsoleSettingsPart => ({
  fields: [...accountSettings.map((key) => `accounts.${key}`), 'qboQuantityWrite'],
  formFields: { 'accounting.quantityWrite': 'qboQuantityWrite' },
  Fields: ({ value: v, errors: e, current, choices: c, names }) => {
    const qbo = current?.system === 'qbo' ? current : undefined;
    return (
      <>
        <fieldset>
          <legend>{names.accounting.system} accounts</legend>
          {c.accounts ? null : <p>{c.accountsProblem}</p>}
          {accountSettings.map((key) => (
            <Select
              name={`accounts.${key}`}
              label={accountLabels[key]}
              value={v(`accounts.${key}`, qbo?.accounts[key])}
              choices={c.accounts?.[key] ?? []}
              empty="Unchanged (the standard account, found by name, when none is set)"
              error={e[`accounts.${key}`]}
            />
          ))}
        </fieldset>
        <Select
          name="qboQuantityWrite"
          label={`How quantities are written to ${names.accounting.system}`}
          value={v('qboQuantityWrite', qbo?.quantityWrite ?? 'inventory-adjustment')}
          choices={[
            { value: 'inventory-adjustment', label: 'Inventory adjustments (US companies)' },
            { value: 'qty-on-hand', label: 'Quantity on hand' },
          ]}
          error={e.qboQuantityWrite}
        />
      </>
    );
  },
  change: ({ values, filled }) => {
    const accounts = filled('accounts.');
    return {
      qboQuantityWrite: values.qboQuantityWrite || undefined,
      ...(Object.keys(accounts).length ? { accounts } : {}),
    };
  },
});

/** What QuickBooks Online's card reads of the connection's status answer. */
export interface QboConsoleStatus {
  id: string;
  qboConnected: boolean;
  qboRealmId: string | null;
  credentials: { accounting: { message: string } };
}

/** QuickBooks Online in the console: a button that starts its OAuth flow (the API gives the link), and disconnecting. */
export const qboConsole: SystemConsoleOf<QboConsoleStatus> = (kit) => ({
  system: 'qbo',
  Card: ({ page, status: s }) => {
    const { Csrf } = kit;
    const base = `/console/c/${encodeURIComponent(s.id)}`;
    return (
      <section class="card" aria-labelledby="qbo-h">
        <h2 id="qbo-h">QuickBooks</h2>
        <p>{s.credentials.accounting.message}</p>
        {s.qboRealmId ? <p>Company {s.qboRealmId}</p> : null}
        <form method="post" action={`${base}/qbo`}>
          <Csrf token={page.csrf} />
          <button type="submit">{s.qboConnected ? 'Reconnect to QuickBooks' : 'Connect to QuickBooks'}</button>
        </form>
        {s.qboConnected ? <a href={`${base}/disconnect/qbo`}>Disconnect QuickBooks…</a> : null}
      </section>
    );
  },
  register: ({ scope, api, failed }) => {
    scope.post('/console/c/:id/qbo', async (request, reply) => {
      const id = (request.params as Record<string, string>).id ?? '';
      const answer = await api<QboConnectLink>('POST', `/connections/${encodeURIComponent(id)}/qbo`);
      if (!answer.ok) return failed(request, reply, answer.error, answer.status);
      return reply.redirect(answer.body.url, 303);
    });
  },
  settings: qboSettingsPart(kit),
});
