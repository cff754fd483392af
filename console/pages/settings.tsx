import type { SettingChoice } from '../../domain/connection-settings.js';
import type { ConnectionSettings } from '../../integrations/connection-settings.js';
import {
  qbdAccountRoles,
  type AccountSetting,
  type QbdAccountSetting,
} from '../../integrations/connection-settings-choices.js';
import type { SettingsChoices } from '../../service/settings-choices.js';
import type { SideNamesView } from '../../operator/contract/runs.js';
import { ConnectionNav, Csrf, FieldError, Layout, type PageContext } from '../layout.js';

const accountLabels: Record<AccountSetting, string> = {
  incomeAccountId: 'Income account (new inventory items)',
  cogsAccountId: 'Cost of goods sold account',
  assetAccountId: 'Inventory asset account',
  adjustmentAccountId: 'Inventory adjustment account',
};

function Select(props: {
  name: string;
  label: string;
  choices: SettingChoice[];
  value: string;
  error?: string;
  empty?: string;
}) {
  const id = props.name.replace('.', '-');
  return (
    <>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-describedby={`${id}-error`}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.choices.map((c) => (
          <option value={c.value} selected={c.value === props.value}>
            {c.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={props.error} />
    </>
  );
}

function Text(props: { name: string; label: string; value: string; error?: string; hint?: string; type?: string }) {
  const id = props.name.replace('.', '-');
  return (
    <>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        step={props.type === 'number' ? 'any' : undefined}
        value={props.value}
        aria-describedby={`${id}-error`}
      />
      {props.hint ? <p>{props.hint}</p> : null}
      <FieldError id={`${id}-error`} message={props.error} />
    </>
  );
}

export function SettingsPage(props: {
  page: PageContext;
  connectionId: string;
  settings: ConnectionSettings | null;
  /** The system on each side, named as users know it: the product master is a side. */
  names: SideNamesView;
  choices: SettingsChoices;
  /** What was typed, when a value was refused (so the form shows it again). */
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const s = props.settings;
  const v = (name: string, current: string | number | undefined) =>
    props.values?.[name] ?? (current === undefined ? '' : String(current));
  const e = props.errors ?? {};
  const c = props.choices;
  // The accounting side's own settings the form offers are QuickBooks Online's (undefined: not configured yet).
  const qbo = c.accountingSystem !== 'qbo' ? null : s?.accounting.system === 'qbo' ? s.accounting : undefined;
  // QuickBooks Desktop's, likewise only on a QuickBooks Desktop connection.
  const qbd = c.accountingSystem !== 'qbd' ? null : s?.accounting.system === 'qbd' ? s.accounting : undefined;
  const { accounting, field } = props.names;
  return (
    <Layout title="Settings" page={props.page}>
      <ConnectionNav id={props.connectionId} current="settings" />
      <form method="post" action={`/console/c/${encodeURIComponent(props.connectionId)}/settings`}>
        <Csrf token={props.page.csrf} />
        {e.form ? <p class="error">{e.form}</p> : null}
        <Select
          name="productMaster"
          label="Product master"
          value={v('productMaster', s?.productMaster ?? 'field')}
          choices={[
            { value: 'field', label: props.names.field.system },
            { value: 'accounting', label: props.names.accounting.system },
          ]}
          error={e.productMaster}
        />
        {c.locations ? (
          <Select
            name="defaultLocationUid"
            label={`Default ${field.system} location`}
            value={v('defaultLocationUid', s?.field.defaultLocationUid)}
            choices={c.locations}
            error={e.defaultLocationUid}
          />
        ) : (
          <Text
            name="defaultLocationUid"
            label={`Default ${field.system} location (uid)`}
            value={v('defaultLocationUid', s?.field.defaultLocationUid)}
            hint={c.locationsProblem ?? undefined}
            error={e.defaultLocationUid}
          />
        )}
        <Text
          name="minQuantity"
          label="Minimum quantity at the default location"
          type="number"
          value={v('minQuantity', s?.minQuantity ?? 0)}
          error={e.minQuantity}
        />
        <Text
          name="nonInventoryQuantity"
          label={`Quantity given in ${field.system} to ${accounting.system} non-inventory items`}
          type="number"
          value={v('nonInventoryQuantity', s?.nonInventoryQuantity ?? 0)}
          error={e.nonInventoryQuantity}
        />
        {qbo === null ? null : (
          <>
            <fieldset>
              <legend>{accounting.system} accounts</legend>
              {c.accounts ? null : <p>{c.accountsProblem}</p>}
              {(Object.keys(accountLabels) as AccountSetting[]).map((key) => (
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
              label={`How quantities are written to ${accounting.system}`}
              value={v('qboQuantityWrite', qbo?.quantityWrite ?? 'inventory-adjustment')}
              choices={[
                { value: 'inventory-adjustment', label: 'Inventory adjustments (US companies)' },
                { value: 'qty-on-hand', label: 'Quantity on hand' },
              ]}
              error={e.qboQuantityWrite}
            />
          </>
        )}
        {qbd === null ? null : (
          <>
            <fieldset>
              <legend>{accounting.system} accounts</legend>
              <p>
                Each account by its full name (a subaccount as Parent:Child). Empty: unchanged; one never set is the
                standard account for its role (non-inventory and service items: the income account).
              </p>
              {(Object.keys(qbdAccountRoles) as QbdAccountSetting[]).map((key) => (
                <Text
                  name={`qbdAccounts.${key}`}
                  label={`${accounting.system} ${qbdAccountRoles[key].label}`}
                  value={v(`qbdAccounts.${key}`, qbd?.accounts[key])}
                  error={e[`qbdAccounts.${key}`]}
                />
              ))}
            </fieldset>
            <Text
              name="qbdSite"
              label={`${accounting.system} inventory site`}
              value={v('qbdSite', qbd?.site)}
              hint={`Empty: the site named as the default ${field.system} location, else ${accounting.system}'s default site.`}
              error={e.qbdSite}
            />
          </>
        )}
        <Text
          name="reconcileEvery"
          label="Reconciliation interval (such as 15m or 1h)"
          value={v('reconcileEvery', s?.reconcileEvery ?? '15m')}
          error={e.reconcileEvery}
        />
        <div>
          <button type="submit">Save settings</button>
        </div>
      </form>
    </Layout>
  );
}
