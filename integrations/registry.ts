import type { Side } from '../domain/sides.js';
import { systemLabel, type System } from '../domain/systems.js';
import { systemWebhooks } from './system-webhooks.js';
import type { SideCapabilities } from './port.js';
import { isStoredQboFault } from './qbo/error-kind.js';
import { isQboReconnectCode } from './qbo/oauth-errors.js';
import { startQboTokenKeeper } from './qbo/token-keeper.js';
import { qboTokenStatus } from './qbo/token-status.js';
import { qboCredentials, qboRealmOf } from './qbo/credentials.js';
import { qbdCredentials, qbdLoginStatus } from './qbd/credentials.js';
import { zuperAccountOf, zuperCredentials, zuperKeyStatus } from './zuper/credentials.js';
import type { Connection } from '../storage/repositories/connections.js';
import type { CredentialKeeperContext, CredentialStatus } from './credential-status.js';
import { isQbdRefusalKeptForRequestId, qbdCapabilities } from './qbd/quantity-side.js';
import { qboCapabilities } from './qbo/quantity-side.js';
import { ZuperCompanyNotFoundError } from './zuper/errors.js';
import { zuperCapabilities } from './zuper/quantity-side.js';

/** Every system the sync can connect, by what it can do; a new system registers here (docs/sides.md). */
const capabilities: Record<System, SideCapabilities> = {
  qbo: qboCapabilities,
  qbd: qbdCapabilities,
  zuper: zuperCapabilities,
};

export const capabilitiesOf = (system: System): SideCapabilities => capabilities[system];

/** The headers in which each system's webhook deliveries carry a signature or secret, which logs must not show. */
export const webhookSecretHeaders: readonly string[] = systemWebhooks.map((webhook) => webhook.secretHeader);

/**
 * A failure (`<system>:<code>`) the system keeps as its answer to the write's request id, so a retry under the same
 * request id gets it back for ever (QuickBooks Online's stored faults; QuickBooks Desktop's work queue keeps the
 * answers a refusal was drawn from under the movement's key; no other system replays answers).
 */
export const isFaultKeptForRequestId = (errorCode: string | null): boolean =>
  isStoredQboFault(errorCode) || isQbdRefusalKeptForRequestId(errorCode);

/**
 * A sync failure's code (`<system>:<code>`) that says the system no longer accepts the connection's credentials, so
 * the connection must be reconnected: any system's `auth` kind, and QuickBooks Online's OAuth refusals.
 */
export const isReconnectFailureCode = (code: string): boolean => code.endsWith(':auth') || isQboReconnectCode(code);

/**
 * What was entered to connect a system names nothing the system knows (Zuper's company login name): the code, why and
 * how to correct it, for an answer that asks for other input; null for any other error.
 */
export function refusedConnectionInput(error: unknown): { code: string; explanation: string; fix: string } | null {
  if (error instanceof ZuperCompanyNotFoundError) {
    return { code: 'zuper_company_not_found', explanation: error.explanation, fix: error.fix };
  }
  return null;
}

/** What each system calls its catalog's records. */
const recordNouns: Record<System, string> = { qbo: 'item', qbd: 'item', zuper: 'product' };

/** How users know a side's system ("QuickBooks") and a record of it ("Zuper product"), for every sentence. */
export interface SideNames {
  system: string;
  record: string;
}

/** The names of a connection's sides, by the system the connection has on each. */
export function sideNames(connection: { accountingSystem: System; fieldSystem: System }): Record<Side, SideNames> {
  const named = (system: System): SideNames => ({
    system: systemLabel(system),
    record: `${systemLabel(system)} ${recordNouns[system]}`,
  });
  return { accounting: named(connection.accountingSystem), field: named(connection.fieldSystem) };
}

/**
 * Keeps every connection's expiring credentials alive in the background (QuickBooks Online's tokens: a refresh ahead
 * of expiry); answers how to stop them all.
 */
export function startCredentialKeepers(ctx: CredentialKeeperContext, log: (line: string) => void): () => void {
  const stops = [startQboTokenKeeper(ctx, log)];
  return () => stops.forEach((stop) => stop());
}

/** How each system says its credentials stand, from what is stored with the connection (declared in its folder). */
const credentialStatus: Record<System, (connection: Connection, now: Date) => CredentialStatus> = {
  qbo: qboTokenStatus,
  qbd: qbdLoginStatus,
  zuper: zuperKeyStatus,
};

/** How a system's credentials stand for a connection: how long they last and what to do. */
export const credentialStatusOf =
  (system: System) =>
  (connection: Connection, now: Date): CredentialStatus =>
    credentialStatus[system](connection, now);

/** How the credentials of the system on each side stand, by side. */
export const sideCredentialStatus = (
  connection: Connection,
  now: Date,
): Record<Side, CredentialStatus & { system: System }> => ({
  accounting: {
    system: connection.accountingSystem,
    ...credentialStatusOf(connection.accountingSystem)(connection, now),
  },
  field: { system: connection.fieldSystem, ...credentialStatusOf(connection.fieldSystem)(connection, now) },
});

/** Each side's system, whether the connection is connected to it and who the system knows it as. */
export const sideAccounts = (
  connection: Connection,
): Record<Side, { system: System; connected: boolean; account: string | null }> => {
  const account = (system: System) => ({
    system,
    connected: connection.connectedSystems.includes(system),
    account: credentialAccounts[system](connection),
  });
  return { accounting: account(connection.accountingSystem), field: account(connection.fieldSystem) };
};

/** Who each system knows a connection as, connected or not (what is still kept once disconnected). */
const credentialAccounts: Record<System, (connection: Connection) => string | null> = {
  qbo: qboRealmOf,
  qbd: (connection) => qbdCredentials.lookupKeyOf(connection),
  zuper: (connection) => zuperAccountOf(connection).company,
};

/**
 * The vendor-named fields of the connection list and status answers from before they spoke of sides, kept for older
 * clients (the operator API contract marks them).
 */
export const olderConnectionFields = (connection: Connection) => ({
  qboConnected: qboCredentials.isConnected(connection),
  qboRealmId: qboRealmOf(connection),
  zuperConnected: zuperCredentials.isConnected(connection),
  zuperCompany: zuperAccountOf(connection).company,
});

/** The same for the status answer: the accounting side's credentials in the shape of QuickBooks Online's tokens. */
export function olderStatusFields(connection: Connection, now: Date) {
  const accounting = credentialStatusOf(connection.accountingSystem)(connection, now);
  return {
    qbo: {
      level: accounting.level,
      realmId: connection.accountingSystem === 'qbo' ? qboRealmOf(connection) : null,
      accessTokenExpiresAt: accounting.renewedAt,
      refreshTokenExpiresAt: accounting.expiresAt,
      refreshTokenDaysLeft: accounting.daysLeft,
      message: accounting.message,
    },
    zuper: { connected: zuperCredentials.isConnected(connection), ...zuperAccountOf(connection) },
  };
}
