import type { Effect } from './effects.js';

/** What the users did: the net stock movement per item and how many movements of each kind. */
export class ExpectedMovements {
  private readonly net = new Map<string, number>();
  private readonly kinds = new Map<string, number>();

  record(kind: string, effect: Effect): void {
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
    // Whole quantities only, so sums stay exact.
    for (const [id, delta] of effect) this.net.set(id, (this.net.get(id) ?? 0) + delta);
  }

  netOf(qboItemId: string): number {
    return this.net.get(qboItemId) ?? 0;
  }

  byKind(): Record<string, number> {
    return Object.fromEntries([...this.kinds].sort(([a], [b]) => a.localeCompare(b)));
  }

  total(): number {
    let n = 0;
    for (const count of this.kinds.values()) n += count;
    return n;
  }
}
