import { readConnectionSettings } from '../../connection-settings.js';
import { settleCall, prerequisiteChecks, type PrerequisiteCheck } from '../../../domain/prerequisites.js';
import type { QbdSettings } from '../connection-settings.js';
import type { QbdRepositories } from '../storage/index.js';
import type { Connection } from '../../../storage/repositories/connections.js';
import { qbdAccountRoles, qbdAccountsOf, qbdAccountTypes, type QbdAccounts } from '../accounts.js';
import { qbdConnectorState } from '../connect.js';
import { readAccountsByFullName, readInventorySites } from '../operations.js';
import type { QbdAccount } from '../responses.js';
import { missingSite } from '../sites.js';
import { AwaitingSession, sessionAnswers, type SessionAnswers } from './session-answers.js';

/** QuickBooks Desktop's prerequisites by id, with the titles users see. */
export const qbdPrerequisite = prerequisiteChecks({
  'qbd-connected': 'QuickBooks Desktop Web Connector login',
  'qbd-accounts': 'QuickBooks Desktop accounts found',
  'qbd-site': 'QuickBooks Desktop inventory site found',
});

const { check, fromError, needsConnection } = qbdPrerequisite;

/** The connection's work queue, where the checks' questions wait for the Web Connector. */
type Queues = Pick<QbdRepositories, 'qbdQueue'>;

const utc = (at: Date) => `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** How a check's answer is dated, and said to be asked again. */
const asOf = (answers: SessionAnswers) =>
  `As QuickBooks Desktop answered at ${utc(answers.answeredAt!)}` +
  (answers.askedAgain ? ' (asked again for the next Web Connector session)' : '');

const pendingDetail = (what: string, lastSession: string | null) =>
  `Asked QuickBooks Desktop for ${what}; the Web Connector carries the question at its next session ` +
  `(${lastSession ? `last session ${utc(new Date(lastSession))}` : 'it has not run a session yet'}). Check again after it.`;

const pendingFix =
  'Nothing to change yet. To have the answer now, click Update Selected for this application in the QuickBooks Web Connector.';

/**
 * The accounts new items and adjustments post to (the settings' names, else QuickBooks Desktop's standard ones) exist
 * in the company file, are active and of a type their role takes.
 */
export function accountsCheck(
  accounts: QbdAccounts,
  found: readonly QbdAccount[],
  connectionId: string,
  answeredAs: string,
): PrerequisiteCheck {
  const byName = new Map(found.map((account) => [account.fullName.toLowerCase(), account]));
  const problems: { problem: string; flag: string }[] = [];
  const fine: string[] = [];
  for (const [role, name] of Object.entries(accounts) as [keyof QbdAccounts, string][]) {
    const { label, flag } = qbdAccountRoles[role];
    const account = byName.get(name.toLowerCase());
    const types = qbdAccountTypes[role];
    if (!account) problems.push({ problem: `there is no account "${name}" (the ${label})`, flag });
    else if (!account.active) problems.push({ problem: `"${name}" (the ${label}) is inactive`, flag });
    else if (account.type !== null && !types.includes(account.type)) {
      problems.push({
        problem: `"${name}" (the ${label}) is a ${account.type} account, where it takes ${types.join(', ')}`,
        flag,
      });
    } else fine.push(`"${account.fullName}"${account.type ? ` (${account.type})` : ''} for the ${label}`);
  }
  if (problems.length === 0) return check('qbd-accounts', 'passed', `${answeredAs}: found ${fine.join('; ')}.`);
  const flags = [...new Set(problems.map((p) => p.flag))].map((flag) => `${flag} "<account full name>"`).join(' ');
  return check(
    'qbd-accounts',
    'failed',
    `${answeredAs}: items cannot be created or adjusted: ${problems.map((p) => p.problem).join('; ')}.`,
    'Create or fix the account in QuickBooks Desktop (Lists › Chart of Accounts), or choose an existing one: ' +
      `\`qzsync configure ${connectionId} ${flags}\`, then check again after the next Web Connector session.`,
  );
}

/** The connection's QuickBooks Desktop settings; none before it is configured (or while its books were elsewhere). */
const qbdSettingsOf = (connection: Connection): QbdSettings | undefined => {
  const accounting = readConnectionSettings(connection)?.accounting;
  return accounting?.system === 'qbd' ? accounting : undefined;
};

async function accountsOf(store: Queues, connection: Connection, lastSession: string | null) {
  const accounts = qbdAccountsOf(qbdSettingsOf(connection)?.accounts);
  const { send, answers } = sessionAnswers(store.qbdQueue, connection.id, 'accounts');
  const found = await settleCall(() => readAccountsByFullName(send, [...new Set(Object.values(accounts))]));
  if (found.ok) return accountsCheck(accounts, found.value, connection.id, asOf(answers));
  if (found.error instanceof AwaitingSession) {
    return check('qbd-accounts', 'pending', pendingDetail('the accounts the sync posts to', lastSession), pendingFix);
  }
  return fromError('qbd-accounts', 'QuickBooks Desktop', found.error);
}

async function siteOf(store: Queues, connection: Connection, lastSession: string | null) {
  const named = qbdSettingsOf(connection)?.site;
  if (named === undefined) {
    return check(
      'qbd-site',
      'passed',
      'No site is named (qbdSite): where the company file has inventory sites, movements land at the site named as ' +
        "the default Zuper location, else at QuickBooks Desktop's default site.",
    );
  }
  const { send, answers } = sessionAnswers(store.qbdQueue, connection.id, 'site');
  const sites = await settleCall(() => readInventorySites(send));
  if (sites.ok) {
    const site = sites.value?.find((s) => s.name.toLowerCase() === named.toLowerCase());
    if (site) return check('qbd-site', 'passed', `${asOf(answers)}: the inventory site "${site.name}" exists.`);
    const refusal = missingSite(named, sites.value, connection.id);
    return check('qbd-site', 'failed', `${asOf(answers)}: ${refusal.explanation}`, refusal.fix);
  }
  if (sites.error instanceof AwaitingSession) {
    return check('qbd-site', 'pending', pendingDetail(`its inventory sites ("${named}")`, lastSession), pendingFix);
  }
  return fromError('qbd-site', 'QuickBooks Desktop', sites.error);
}

/**
 * QuickBooks Desktop's prerequisites: the Web Connector login, then the accounts and the inventory site, which only a
 * Web Connector session can ask (`sessionAnswers`): 'pending' until a session has answered, then that answer.
 */
export async function qbdPrerequisites(store: Queues, connection: Connection): Promise<PrerequisiteCheck[]> {
  const state = await qbdConnectorState(store, connection.id);
  if (!state.connected) {
    return [
      check(
        'qbd-connected',
        'failed',
        'QuickBooks Desktop is not connected to this connection: the Web Connector has no login.',
        `Run \`qzsync connect qbd ${connection.id}\` (or Connect QuickBooks Desktop in the console) and add the .qwc file to the Web Connector.`,
      ),
      needsConnection('qbd-accounts', 'QuickBooks Desktop'),
      needsConnection('qbd-site', 'QuickBooks Desktop'),
    ];
  }
  const lastSession = state.lastSession?.startedAt ?? null;
  const login = check(
    'qbd-connected',
    'passed',
    `The Web Connector signs in as ${state.username}; ` +
      (lastSession ? `its last session started ${utc(new Date(lastSession))}.` : 'it has not run a session yet.') +
      (state.lastError ? ` Its last error: ${state.lastError.message}` : ''),
  );
  const [accounts, site] = await Promise.all([
    accountsOf(store, connection, lastSession),
    siteOf(store, connection, lastSession),
  ]);
  return [login, accounts, site];
}
