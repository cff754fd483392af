import { SideRefusal } from '../port.js';
import { QbdAwaitingWebConnector, type QbdQueueAccess } from './queued-send.js';
import type { QbdInventorySite } from './responses.js';

/**
 * Which inventory site a connection's movements land at, when the company file has sites (Advanced Inventory): the
 * site its setting names, else the site named as the field side's stock location, else the site QuickBooks marks as
 * its default.
 */
export interface QbdSiteRule {
  /** The connection's `qbdSite` setting: a site's name, or undefined to choose by the field location. */
  named: string | undefined;
  /** The field side's stock location the sync uses (the connection's default location), and a read of its name. */
  fieldLocation: { id: string; name: () => Promise<string | null> };
}

/** How long a connection's chosen site is kept before the sites are read again (each read waits for a session). */
export const siteChoiceKeptMs = 3_600_000;

const chosenSites = new Map<string, { rule: string; site: QbdInventorySite | null; until: number }>();

/** Forgets a connection's chosen site, so the next movement reads the company file's sites again. */
export const forgetChosenSite = (connectionId: string): void => {
  chosenSites.delete(connectionId);
};

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** How long a caller may wait for a choice another step is making, and how it hears its own step's cancellation. */
export type SiteChoiceWait = Pick<QbdQueueAccess, 'waitMs' | 'heartbeat' | 'cancellation'>;

type ChoiceOutcome = { site: QbdInventorySite | null } | { error: unknown };

/** The choice being made for each connection: concurrent callers with the same rule share its one read. */
const choosing = new Map<string, { rule: string; outcome: Promise<ChoiceOutcome> }>();

/**
 * The site a connection's movements land at, null for a site-less adjustment (the company file has no sites, or
 * none matches and none is the default). Kept per connection for `siteChoiceKeptMs`, and for as long as the rule
 * stays the same, so movements cost no request of their own; `readSites` (null: multi-location inventory is off) is
 * called only to choose, and callers that come while a choice is being made wait for it rather than read the sites
 * again. A site the setting names and the company file lacks is refused (to every caller waiting), and nothing is kept.
 *
 * A waiting caller's wait is its own step's: it ends with the caller's cancellation, or after `wait.waitMs` as a wait
 * for the Web Connector. A choice that failed for the step making it (cancelled, or its own wait ran out) is taken
 * over by a waiting caller, which reads the sites itself.
 */
export async function siteForMovements(
  connectionId: string,
  rule: QbdSiteRule,
  readSites: () => Promise<QbdInventorySite[] | null>,
  wait: SiteChoiceWait,
): Promise<QbdInventorySite | null> {
  const ruleKey = `${rule.named ?? ''}\u0000${rule.fieldLocation.id}`;
  const deadline = Date.now() + wait.waitMs;
  for (;;) {
    const kept = chosenSites.get(connectionId);
    if (kept && kept.rule === ruleKey && kept.until > Date.now()) return kept.site;
    const inFlight = choosing.get(connectionId);
    if (inFlight?.rule !== ruleKey) return settled(await choose(connectionId, ruleKey, rule, readSites));
    const outcome = await waitWithin(inFlight.outcome, wait, deadline);
    if ('site' in outcome || outcome.error instanceof SideRefusal) return settled(outcome);
  }
}

const settled = (outcome: ChoiceOutcome): QbdInventorySite | null => {
  if ('error' in outcome) throw outcome.error;
  return outcome.site;
};

/** Reads the sites and chooses, as the connection's choice in flight until it is made (or fails). */
async function choose(
  connectionId: string,
  ruleKey: string,
  rule: QbdSiteRule,
  readSites: () => Promise<QbdInventorySite[] | null>,
): Promise<ChoiceOutcome> {
  const outcome = (async (): Promise<ChoiceOutcome> => {
    try {
      const site = await chooseSite(await readSites(), rule, connectionId);
      chosenSites.set(connectionId, { rule: ruleKey, site, until: Date.now() + siteChoiceKeptMs });
      return { site };
    } catch (error) {
      return { error };
    }
  })();
  const entry = { rule: ruleKey, outcome };
  choosing.set(connectionId, entry);
  try {
    return await outcome;
  } finally {
    if (choosing.get(connectionId) === entry) choosing.delete(connectionId);
  }
}

/** How often a caller waiting for another step's choice tells its own step it is alive (and hears its cancellation). */
const waitingHeartbeatMs = 1000;

/** The shared choice's outcome, unless the caller's own step is cancelled or its wait runs out first (thrown). */
async function waitWithin(shared: Promise<ChoiceOutcome>, wait: SiteChoiceWait, deadline: number) {
  const { cancellation } = wait;
  cancellation.throwIfAborted();
  let rejectWait: (reason: unknown) => void = () => undefined;
  const ended = new Promise<never>((_, reject) => (rejectWait = reject));
  const onAbort = () => rejectWait(cancellation.reason);
  cancellation.addEventListener('abort', onAbort, { once: true });
  const timeout = setTimeout(
    () => rejectWait(new QbdAwaitingWebConnector('InventorySiteQueryRq')),
    Math.max(0, deadline - Date.now()),
  );
  const heartbeats = setInterval(() => wait.heartbeat(), waitingHeartbeatMs);
  try {
    return await Promise.race([shared, ended]);
  } finally {
    cancellation.removeEventListener('abort', onAbort);
    clearTimeout(timeout);
    clearInterval(heartbeats);
  }
}

async function chooseSite(
  sites: QbdInventorySite[] | null,
  rule: QbdSiteRule,
  connectionId: string,
): Promise<QbdInventorySite | null> {
  if (rule.named !== undefined) {
    const named = rule.named;
    const site = sites?.find((s) => sameName(s.name, named));
    if (!site) throw missingSite(named, sites, connectionId);
    return site;
  }
  if (sites === null || sites.length === 0) return null;
  const locationName = await rule.fieldLocation.name();
  const byLocation = locationName === null ? undefined : sites.find((s) => sameName(s.name, locationName));
  return byLocation ?? sites.find((s) => s.isDefault) ?? null;
}

const fixOf = (connectionId: string) =>
  'Create the site in QuickBooks Desktop (Lists › Inventory Site List), or name an existing one: ' +
  `\`qzsync configure ${connectionId} --qbd-site "<site name>"\`, then retry.`;

/** The refusal for a site the `qbdSite` setting names and the company file does not have (among its active sites). */
export function missingSite(
  name: string,
  sites: readonly QbdInventorySite[] | null,
  connectionId: string,
): SideRefusal {
  const has =
    sites === null
      ? 'QuickBooks Desktop answered that multi-location inventory is not enabled in the company file'
      : sites.length === 0
        ? 'the company file has no active inventory sites'
        : `its active sites are ${sites.map((s) => `"${s.name}"`).join(', ')}`;
  return new SideRefusal(
    'site-missing',
    `QuickBooks Desktop has no inventory site "${name}", which the connection's qbdSite setting names for its stock movements; ${has}.`,
    fixOf(connectionId),
  );
}

/** The refusal for a site QuickBooks refused on an adjustment (3140) and no longer lists: deleted or made inactive. */
export function siteGone(name: string, connectionId: string): SideRefusal {
  return new SideRefusal(
    'site-missing',
    `QuickBooks Desktop refused the stock movement's inventory site "${name}" as an invalid reference (3140); the site is no longer among its active sites.`,
    'Make the site active again in QuickBooks Desktop (Lists › Inventory Site List), or name another one ' +
      `(\`qzsync configure ${connectionId} --qbd-site "<site name>"\`), then retry: the retry reads the sites again.`,
  );
}
