import type { QbdEmulator, WebConnectorFaults, WebConnectorSimulator } from '../emulators/qbd/index.js';
import type { RecordInUseCode } from '../emulators/qbd/processor.js';
import { pick } from './effects.js';

const recordInUseCodes: RecordInUseCode[] = [3170, 3175, 3176, 3180];
const oneToThree = (rng: () => number) => 1 + Math.floor(rng() * 3);

/**
 * The QuickBooks side's faults the Web Connector meets, one at a time, each for a while: the Web Connector's own
 * (turned off again after a while), or the next writes QuickBooks refuses as another user holds the record (those
 * writes meet it whenever they come).
 */
const faultsToInject: ((rng: () => number, qbd: QbdEmulator) => Partial<WebConnectorFaults>)[] = [
  () => ({ companyFileClosed: true }),
  () => ({ quickBooksBusy: true }),
  // The session ends after this many requests went out, with no further call.
  (rng) => ({ dropSessionAfterRequests: oneToThree(rng) }),
  // QuickBooks applied this many requests, and the answer carrying the last never reached the service.
  (rng) => ({ loseResponseAfterRequests: oneToThree(rng) }),
  (rng, qbd) => {
    qbd.admin.failNextWrites(pick(rng, recordInUseCodes)!, oneToThree(rng));
    return {};
  },
  // Another user saves the item each of the next item Mods changes, just before it: a stale EditSequence (3200).
  (rng, qbd) => {
    qbd.admin.editItemsBeforeNextMods(oneToThree(rng));
    return {};
  },
  // The next iterators continued (the watch's change reads, page after page) find they expired (3391).
  (rng, qbd) => {
    qbd.admin.expireNextIterators(oneToThree(rng));
    return {};
  },
];

const noFaults: Partial<WebConnectorFaults> = {
  companyFileClosed: false,
  quickBooksBusy: false,
  dropSessionAfterRequests: null,
  loseResponseAfterRequests: null,
};

/**
 * Every `everyMs` the Web Connector meets one fault, chosen at random, for `forMs` (a few sessions), then none until
 * the next. Answers a function that turns them off for good.
 */
export function injectWebConnectorFaults(
  qbd: { emulator: QbdEmulator; connector: WebConnectorSimulator },
  rng: () => number,
  schedule: { everyMs: number; forMs: number },
): () => void {
  const { connector } = qbd;
  const ends = new Set<NodeJS.Timeout>();
  const faults = setInterval(() => {
    connector.setFaults(pick(rng, faultsToInject)!(rng, qbd.emulator));
    const end = setTimeout(() => {
      ends.delete(end);
      connector.setFaults(noFaults);
    }, schedule.forMs);
    ends.add(end);
  }, schedule.everyMs);
  return () => {
    clearInterval(faults);
    for (const end of ends) clearTimeout(end);
    connector.setFaults(noFaults);
    qbd.emulator.admin.clearRequestFaults();
  };
}

/** The Web Connector's sessions by how they ended (`completed`, `responseLost`, `connectionFailed`, …). */
export function sessionOutcomes(connector: WebConnectorSimulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const session of connector.sessions) counts[session.outcome] = (counts[session.outcome] ?? 0) + 1;
  return counts;
}

/** QuickBooks' answers with an error status (not 0, 1 "no match" or 500 "not all found"), by status code. */
export function errorStatuses(connector: WebConnectorSimulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { response } of connector.sessions.flatMap((session) => session.exchanges)) {
    if (typeof response !== 'string') continue;
    for (const [, code] of response.matchAll(/statusCode="(\d+)"/g))
      if (code !== undefined && !['0', '1', '500'].includes(code)) counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}
