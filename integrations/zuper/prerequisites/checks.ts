import { readConnectionSettings } from '../../connection-settings.js';
import { isAuthFailure, settleCall as settle, type PrerequisiteCheck } from '../../../domain/prerequisites.js';
import type { Connection } from '../../../storage/repositories/connections.js';
import type { ZuperClient } from '../client.js';
import { ZuperApiError } from '../errors.js';
import { zuperSubscriptions } from '../events.js';
import type { ZuperWebhook } from '../webhooks.js';
import { zuperWebhookName } from '../webhook-names.js';
import { zuperSettingsOf } from '../connection-settings.js';
import { zuperPrerequisite } from './check.js';
import { defaultLocationCheck, zuperInventoryChecks } from './settings-checks.js';
import { zuperAccountOf, zuperCredentials } from '../credentials.js';

const { check, fromError: checkFromError, needsConnection } = zuperPrerequisite;

/** Zuper prerequisites: a one-product read proves the key, then locations and inventory settings in parallel. */
export async function zuperPrerequisites(
  connection: Connection,
  client: () => Promise<ZuperClient>,
): Promise<PrerequisiteCheck[]> {
  const dependents = [
    'zuper-default-location',
    'zuper-negative-stock',
    'zuper-invoice-consumption',
    'zuper-webhooks',
  ] as const;
  if (!zuperCredentials.isConnected(connection)) {
    return [
      check(
        'zuper-authorised',
        'failed',
        'Zuper is not connected to this connection.',
        `Run \`qzsync connect zuper ${connection.id} --company <login name> --api-key <key>\` with a key from Zuper Settings → Developer Hub → API Keys.`,
      ),
      ...dependents.map((id) => needsConnection(id, 'Zuper')),
    ];
  }
  const account = zuperAccountOf(connection);
  const zuper = await client();
  const probe = await settle(() => zuper.listProducts({ page: 1, count: 1 }));
  if (!probe.ok && isAuthFailure(probe.error)) {
    return [
      checkFromError('zuper-authorised', 'Zuper', probe.error),
      ...dependents.map((id) => needsConnection(id, 'Zuper')),
    ];
  }
  const [locations, settings, webhooks] = await Promise.all([
    settle(() => zuper.listLocations()),
    settle(() => zuper.getInventorySettings()),
    settle(() => zuper.listWebhooks()),
  ]);
  const defaultLocation = zuperSettingsOf(readConnectionSettings(connection))?.defaultLocationUid ?? null;
  return [
    probe.ok
      ? check(
          'zuper-authorised',
          'passed',
          `Connected to Zuper company "${account.company ?? '?'}" at ${account.apiUrl ?? '?'}.`,
        )
      : checkFromError('zuper-authorised', 'Zuper', probe.error),
    locations.ok
      ? defaultLocationCheck(locations.value, defaultLocation, connection.id)
      : locationListError(locations.error, defaultLocation),
    ...(settings.ok
      ? zuperInventoryChecks(settings.value)
      : [
          checkFromError('zuper-negative-stock', 'Zuper', settings.error),
          checkFromError('zuper-invoice-consumption', 'Zuper', settings.error),
        ]),
    webhooks.ok
      ? webhookKeysCheck(webhooks.value, connection.id)
      : checkFromError('zuper-webhooks', 'Zuper', webhooks.error),
  ];
}

/**
 * Earlier versions registered guessed keys Zuper never sends (`product.stock_update`, `invoice.recover`): with those,
 * a change made in Zuper waits for reconciliation. Ours are the webhooks named for this connection.
 */
function webhookKeysCheck(webhooks: readonly ZuperWebhook[], connectionId: string): PrerequisiteCheck {
  const ours = webhooks.filter((w) => w.name.startsWith(zuperWebhookName(connectionId, '')));
  const needed = new Set(zuperSubscriptions.map((s) => s.event));
  const obsolete = [...new Set(ours.filter((w) => !needed.has(w.event)).map((w) => w.event))];
  const active = new Set(ours.filter((w) => w.isActive).map((w) => w.event));
  const missing = [...needed].filter((event) => !active.has(event));
  if (obsolete.length === 0 && missing.length === 0) {
    return check('zuper-webhooks', 'passed', `${needed.size} webhooks, one per event key the sync needs.`);
  }
  const parts = [
    ...(obsolete.length > 0 ? [`registered under keys Zuper never sends: ${obsolete.join(', ')}`] : []),
    ...(missing.length > 0 ? [`not registered (or inactive): ${missing.join(', ')}`] : []),
  ];
  return check(
    'zuper-webhooks',
    'failed',
    `Zuper webhooks ${parts.join('; ')}. Changes made in Zuper reach QuickBooks only at the next reconciliation.`,
    `Run \`qzsync connect zuper ${connectionId} --company <login name> --api-key <key>\` again: it removes this connection's webhooks and registers the current keys, without duplicates.`,
  );
}

/** Zuper's location route is unconfirmed: a 404 there means "cannot tell", with where to look instead. */
function locationListError(error: unknown, uid: string | null): PrerequisiteCheck {
  if (error instanceof ZuperApiError && error.kind === 'not-found') {
    return check(
      'zuper-default-location',
      'unknown',
      'Zuper did not serve its list of stock locations, so the default location could not be confirmed.',
      `In Zuper open Settings → Modules → Parts & Services → Parts & Services Locations and confirm location ${uid ?? '(none configured)'} exists.`,
    );
  }
  return checkFromError('zuper-default-location', 'Zuper', error);
}
