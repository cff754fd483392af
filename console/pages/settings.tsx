import type { ConnectionSettings } from '../../integrations/connection-settings.js';
import type { ConsoleSettingsPart } from '../../integrations/system-console.js';
import type { SettingsChoices } from '../../service/settings-choices.js';
import type { SideNamesView } from '../../operator/contract/runs.js';
import type { System } from '../../domain/systems.js';
import { ConnectionNav, Csrf, Layout, Select, Text, type PageContext } from '../layout.js';

export function SettingsPage(props: {
  page: PageContext;
  connectionId: string;
  settings: ConnectionSettings | null;
  /** The system on each side, named as users know it: the product master is a side. */
  names: SideNamesView;
  choices: SettingsChoices;
  /** Each system's own settings fields. */
  systems: readonly { system: System; settings?: ConsoleSettingsPart }[];
  /** What was typed, when a value was refused (so the form shows it again). */
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const s = props.settings;
  const v = (name: string, current: string | number | undefined) =>
    props.values?.[name] ?? (current === undefined ? '' : String(current));
  const e = props.errors ?? {};
  const c = props.choices;
  // The accounting system's own settings, when it declares any.
  const accountingPart = props.systems.find((part) => part.system === c.accountingSystem)?.settings;
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
        {accountingPart ? (
          <accountingPart.Fields value={v} errors={e} current={s?.accounting} choices={c} names={props.names} />
        ) : null}
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
