import type { z } from 'zod';
import type { Side } from '../domain/sides.js';
import type { System } from '../domain/systems.js';
import type { Store } from './store.js';
import type { Queryable } from '../storage/db.js';
import type { Connection } from '../storage/repositories/connections.js';

/** A system's credentials for one connection, in the system's own shape. */
export interface Credentials<Secrets, Details> {
  /** The identity the system sends where it must find its connection; null for a system addressed by connection. */
  lookupKey: string | null;
  details: Details;
  secrets: Secrets;
}

/**
 * What a system keeps to reach it (declared in its folder, reached through the registry): the parts sealed at rest,
 * the details shown or scheduled in clear, and which of them are still shown once disconnected.
 */
export interface CredentialShape<Secrets extends Record<string, string>, Details extends Record<string, unknown>> {
  system: System;
  secrets: z.ZodType<Secrets>;
  details: z.ZodType<Details>;
  keptWhenDisconnected?: readonly (keyof Details & string)[];
}

type CredentialStore = Pick<Store, 'credentials'>;

/** A system's typed access to the generic credential store (storage/repositories/connection-credentials.ts). */
export function systemCredentials<Secrets extends Record<string, string>, Details extends Record<string, unknown>>(
  shape: CredentialShape<Secrets, Details>,
) {
  const { system } = shape;
  const typed = (stored: { lookupKey: string | null; details: unknown; secrets: unknown }) => ({
    lookupKey: stored.lookupKey,
    details: shape.details.parse(stored.details),
    secrets: shape.secrets.parse(stored.secrets),
  });
  return {
    ...shape,
    /** The details stored with the connection (also once disconnected, as far as kept); null when none are. */
    detailsOf(connection: Connection): Details | null {
      const stored = connection.credentials[system];
      return stored ? shape.details.parse(stored.details) : null;
    },
    lookupKeyOf: (connection: Connection): string | null => connection.credentials[system]?.lookupKey ?? null,
    isConnected: (connection: Connection): boolean => connection.connectedSystems.includes(system),
    save: (
      store: CredentialStore,
      connectionId: string,
      credentials: Credentials<Secrets, Details>,
      options: { activates?: boolean; side?: Side } = {},
    ) => store.credentials.save(connectionId, system, credentials, options),
    /** The credentials with their secrets opened; throws ConnectionNotFoundError when not connected. */
    open: async (store: CredentialStore, connectionId: string): Promise<Credentials<Secrets, Details>> =>
      typed(await store.credentials.open(connectionId, system)),
    /** Renews the credentials one process at a time (`renew` answers null to keep them). */
    withLock: async (
      store: CredentialStore,
      connectionId: string,
      renew: (current: Credentials<Secrets, Details>) => Promise<Credentials<Secrets, Details> | null>,
    ): Promise<void> => {
      await store.credentials.withLock(connectionId, system, (current) => renew(typed(current)));
    },
    /** The connection connected to the system under this lookup key; null when none is. */
    connectionOf: (store: CredentialStore, lookupKey: string) => store.credentials.connectionOf(system, lookupKey),
    /** Deletes the secrets and lookup key, keeping the details `keptWhenDisconnected`. */
    clear: (
      store: CredentialStore,
      connectionId: string,
      options: {
        status?: { status: 'disconnected'; reason: string };
        alongside?: (tx: Queryable) => Promise<void>;
      } = {},
    ) => store.credentials.clear(connectionId, system, { ...options, kept: shape.keptWhenDisconnected ?? [] }),
  };
}
