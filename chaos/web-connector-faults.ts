import type { WebConnectorFaults, WebConnectorSimulator } from '../emulators/qbd/index.js';
import { pick } from './effects.js';

/** The QuickBooks side's faults the Web Connector meets, one at a time, each for a while. */
const faultsToInject: ((rng: () => number) => Partial<WebConnectorFaults>)[] = [
  () => ({ companyFileClosed: true }),
  () => ({ quickBooksBusy: true }),
  // The session ends after this many requests went out, with no further call.
  (rng) => ({ dropSessionAfterRequests: 1 + Math.floor(rng() * 3) }),
  // QuickBooks applied this many requests, and the answer carrying the last never reached the service.
  (rng) => ({ loseResponseAfterRequests: 1 + Math.floor(rng() * 3) }),
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
  connector: WebConnectorSimulator,
  rng: () => number,
  schedule: { everyMs: number; forMs: number },
): () => void {
  const ends = new Set<NodeJS.Timeout>();
  const faults = setInterval(() => {
    connector.setFaults(pick(rng, faultsToInject)!(rng));
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
  };
}

/** The Web Connector's sessions by how they ended (`completed`, `responseLost`, `connectionFailed`, …). */
export function sessionOutcomes(connector: WebConnectorSimulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const session of connector.sessions) counts[session.outcome] = (counts[session.outcome] ?? 0) + 1;
  return counts;
}
