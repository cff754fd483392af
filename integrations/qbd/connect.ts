import { randomBytes } from 'node:crypto';
import { publicBaseUrl } from '../../config/public-url.js';
import type { QbdRepositories } from './storage/index.js';
import { ConnectInputRefused, type SystemConnecting } from '../connection-credentials.js';
import { appUrlSchema, qwcFile, qwcFileName } from './qwc.js';
import { nothingLeftMessage } from './web-connector.js';
import { findQbdLogin, saveQbdLogin } from './credentials.js';

/**
 * Where the Web Connector reaches the service and how often it runs: what a .qwc file says beside the login. Each one
 * given is kept for the connection's later files; one not given is the one kept, else the default.
 */
export interface QwcInput {
  /** Where the Web Connector reaches the service; by default PUBLIC_BASE_URL's /qbwc. */
  appUrl?: string | undefined;
  /** Seconds between the Web Connector's runs; by default 15 minutes. */
  runEverySeconds?: number | undefined;
}

/** How often the Web Connector runs when the user said nothing. */
export const defaultRunEverySeconds = 15 * 60;

export interface ConnectQbdInput extends QwcInput {
  username?: string | undefined;
}

/** A .qwc file for a connection's Web Connector login, under the name it is saved as. */
export interface QbdConnectorFile {
  connectionId: string;
  username: string;
  appUrl: string;
  runEverySeconds: number;
  /** The .qwc file to open in the Web Connector. */
  qwc: string;
  fileName: string;
}

export interface QbdConnection extends QbdConnectorFile {
  /** Shown once: only its sealed form is kept. */
  password: string;
}

/** What the store knows of a connection's Web Connector, for the operator. */
export interface QbdConnectorState {
  connected: boolean;
  username: string | null;
  lastSession: { startedAt: string; endedAt: string | null } | null;
  /** qbXML requests waiting for the next session (or sent in the open one and not answered yet). */
  waiting: number;
  /** The newest failure a session recorded (QuickBooks could not be opened, a request it could not process). */
  lastError: { message: string; sessionStartedAt: string } | null;
}

/** The connection's Web Connector and the AppURL and run interval its .qwc files say as the user set them (null: the default). */
export interface QbdConnectorView extends QbdConnectorState {
  qwc: { appUrl: string | null; runEverySeconds: number | null };
}

const refusedAppUrl = (appUrl: string) =>
  new ConnectInputRefused(
    'invalid',
    'invalid_input',
    `appUrl: the Web Connector cannot reach ${appUrl}: it takes an https:// URL with a host name (http:// only for localhost).`,
    'Give the https address of /qbwc (qzsync connect qbd <id> --app-url https://…/qbwc), or set PUBLIC_BASE_URL.',
    'appUrl',
  );

/** Keeps what was given for the connection's later .qwc files. */
async function keepGiven(deps: SystemConnecting, connectionId: string, input: QwcInput): Promise<void> {
  if (input.appUrl === undefined && input.runEverySeconds === undefined) return;
  await deps.store.qbdWebConnectorFiles.save(connectionId, {
    ...(input.appUrl === undefined ? {} : { appUrl: input.appUrl }),
    ...(input.runEverySeconds === undefined ? {} : { runEverySeconds: input.runEverySeconds }),
  });
}

/** The .qwc file of `username`: what is given, else what the connection keeps, else the defaults. */
async function connectorFile(
  deps: SystemConnecting,
  connectionId: string,
  username: string,
  input: QwcInput,
): Promise<QbdConnectorFile> {
  const [connection, kept] = await Promise.all([
    deps.store.connections.get(connectionId),
    deps.store.qbdWebConnectorFiles.get(connectionId),
  ]);
  const appUrl = input.appUrl ?? kept.appUrl ?? `${publicBaseUrl(deps.env)}/qbwc`;
  if (!appUrlSchema.safeParse(appUrl).success) throw refusedAppUrl(appUrl);
  const runEverySeconds = input.runEverySeconds ?? kept.runEverySeconds ?? defaultRunEverySeconds;
  const qwc = qwcFile({ connectionId, displayName: connection.displayName, appUrl, username, runEverySeconds });
  return { connectionId, username, appUrl, runEverySeconds, qwc, fileName: qwcFileName(connectionId) };
}

/**
 * Gives a connection a Web Connector login with a fresh password (sealed; shown only in this answer) and the .qwc file
 * that adds it to the Web Connector. Connecting again replaces the password; the .qwc file stays the same application.
 * QuickBooks Desktop sends no webhook: the caller starts the connection's quantity watch, which reads its changes at
 * each Web Connector session.
 */
export async function connectQbd(
  deps: SystemConnecting,
  connectionId: string,
  input: ConnectQbdInput,
): Promise<QbdConnection> {
  const username = input.username ?? `qzsync-${connectionId}`;
  const file = await connectorFile(deps, connectionId, username, input);
  const holder = await findQbdLogin(deps.store, username);
  if (holder && holder.connectionId !== connectionId) {
    throw new ConnectInputRefused(
      'taken',
      'qbd_username_taken',
      `The Web Connector username "${username}" belongs to another connection.`,
    );
  }
  const password = randomBytes(18).toString('base64url');
  await saveQbdLogin(deps.store, connectionId, username, password);
  await keepGiven(deps, connectionId, input);
  return { ...file, password };
}

/**
 * The .qwc file of the connection's current Web Connector login, made again (for a file lost, a new AppURL or run
 * interval, which are kept for every later file): the same OwnerID and FileID, so the Web Connector and QuickBooks see
 * the same application. The password is unchanged. Null, with nothing kept, when the connection has no login
 * (QuickBooks Desktop is not connected).
 */
export async function qbdConnectorFile(
  deps: SystemConnecting,
  connectionId: string,
  input: QwcInput,
): Promise<QbdConnectorFile | null> {
  const { username } = await deps.store.qbdQueue.connectorActivity(connectionId);
  if (username === null) return null;
  const file = await connectorFile(deps, connectionId, username, input);
  await keepGiven(deps, connectionId, input);
  return file;
}

/** The connection's Web Connector as the store has it: its login, its last session, the work waiting, its last error. */
export async function qbdConnectorState(
  store: Pick<QbdRepositories, 'qbdQueue'>,
  connectionId: string,
): Promise<QbdConnectorState> {
  const activity = await store.qbdQueue.connectorActivity(connectionId);
  // The endpoint also answers getLastError when a session simply ran out of work; that is no failure.
  const failure = activity.sessionMessages.find((m) => m.message !== nothingLeftMessage);
  return {
    connected: activity.username !== null,
    username: activity.username,
    lastSession: activity.lastSession && {
      startedAt: activity.lastSession.startedAt.toISOString(),
      endedAt: activity.lastSession.closedAt?.toISOString() ?? null,
    },
    waiting: activity.waiting,
    lastError: failure ? { message: failure.message, sessionStartedAt: failure.sessionStartedAt.toISOString() } : null,
  };
}

/** The connection's Web Connector as the operator sees it: its state and what its .qwc files say. */
export async function qbdConnectorView(
  store: Pick<QbdRepositories, 'qbdQueue' | 'qbdWebConnectorFiles'>,
  connectionId: string,
): Promise<QbdConnectorView> {
  const [state, qwc] = await Promise.all([
    qbdConnectorState(store, connectionId),
    store.qbdWebConnectorFiles.get(connectionId),
  ]);
  return { ...state, qwc };
}
