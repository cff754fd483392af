import type { QboTokenStore } from '../../../../integrations/qbo/token-provider.js';
import type { QboTokens } from '../../../../integrations/qbo/tokens.js';

/** QboTokenStore for tests: one process, the lock is a promise chain. Counts the writes it saw. */
export class MemoryTokenStore implements QboTokenStore {
  writes = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(public tokens: QboTokens) {}

  load(): Promise<QboTokens> {
    return Promise.resolve(this.tokens);
  }

  withRefreshLock(fn: (current: QboTokens) => Promise<QboTokens>): Promise<QboTokens> {
    const run = this.tail.then(async () => {
      const next = await fn(this.tokens);
      if (next !== this.tokens) {
        this.tokens = next;
        this.writes += 1;
      }
      return next;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
