import type { Env } from '../config/env.js';
import type { Store } from './store.js';
import type { Connection } from '../storage/repositories/connections.js';
import type { ConnectionClients } from './connection-clients.js';
import type { SystemApps } from './system-apps.js';
import {
  connectQbd,
  qbdConnectorView,
  type ConnectQbdInput,
  type QbdConnection,
  type QbdConnectorView,
} from './qbd/connect.js';
import { qbdDisconnection } from './qbd/disconnect.js';
import { qboDisconnection } from './qbo/disconnect.js';
import { connectZuper, zuperDisconnection, type ConnectZuperInput, type ZuperConnection } from './zuper/connect.js';

/** What connecting or disconnecting a system needs of the service. */
export interface SystemConnecting {
  env: Env;
  store: Store;
  clients: ConnectionClients;
  apps: SystemApps;
}

/**
 * What was entered to connect a system cannot be used as it is: `invalid` input (the operator API answers 400 naming
 * the `field`), or a name `taken` by another connection (409).
 */
export class ConnectInputRefused extends Error {
  override name = 'ConnectInputRefused';
  constructor(
    readonly reason: 'invalid' | 'taken',
    readonly code: string,
    message: string,
    readonly fix?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A request that needs the connection connected to a system it is not connected to (409, with how to connect it). */
export class SystemNotConnected extends Error {
  override name = 'SystemNotConnected';
  constructor(
    readonly code: string,
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

/** How a system is let go of: what it keeps at its end is released there, what the service keeps is deleted. */
export interface SystemDisconnection {
  isConnected(connection: Connection): boolean;
  /**
   * Reads the stored credentials releasing needs, and answers the release at the system's end (revoking, removing
   * webhooks) with what it did; a release that fails is only warned about, so the service forgets the system anyway.
   */
  prepareRelease(deps: SystemConnecting, connectionId: string): Promise<() => Promise<string>>;
  /** The warning when the release failed (`why`), with what to do by hand at the system's end. */
  unreleased(why: string, connectionId: string): string;
  /** Deletes what the service keeps to reach the system. */
  clear(store: Store, connectionId: string): Promise<void>;
  /** What `clear` deleted, as the answer says it. */
  cleared: string;
}

/** The systems a connection can be disconnected from by the operator API, by system. */
export const disconnections = { qbo: qboDisconnection, qbd: qbdDisconnection, zuper: zuperDisconnection } as const;

export type DisconnectableSystem = keyof typeof disconnections;

export const disconnectableSystems = Object.keys(disconnections) as DisconnectableSystem[];

/** Systems connected with a company name and an API key (Zuper), as the demo and the harness connect them. */
export const connectWithApiKey: (
  deps: SystemConnecting,
  connectionId: string,
  input: ConnectZuperInput,
) => Promise<ZuperConnection> = connectZuper;

/**
 * Systems whose own connector calls the service with a login the service issues (QuickBooks Desktop's Web Connector:
 * a username, a password and the .qwc file), as the demo and the harness connect them. They send no webhook, so the
 * caller starts the connection's quantity watch once connected.
 */
export const connectWithIssuedLogin: (
  deps: SystemConnecting,
  connectionId: string,
  input: ConnectQbdInput,
) => Promise<QbdConnection> = connectQbd;

/** What the store knows of an issued login's connector: its last session, the work waiting for it, its last error. */
export const issuedLoginState: (
  store: Pick<Store, 'qbdQueue' | 'qbdWebConnectorFiles'>,
  connectionId: string,
) => Promise<QbdConnectorView> = qbdConnectorView;
