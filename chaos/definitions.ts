/** The definition fields a chaos user changes on the product master's side, which the sync copies to the other. */
export interface ChaosDefinition {
  name: string;
  description: string;
  price: number;
}

/**
 * The definitions the product master's user set, per item (its accounting id), the last confirmed one winning: at
 * the end both sides must hold it. Each change is numbered, so names stay unique (QuickBooks Desktop requires it)
 * and within its 31 characters.
 */
export class DefinitionEdits {
  private readonly last = new Map<string, ChaosDefinition>();
  private readonly busy = new Set<string>();
  private count = 0;

  /** The next definition of the item at `index` (its original name being "Chaos Part <index>"). */
  next(index: number, rng: () => number): ChaosDefinition {
    this.count += 1;
    return {
      name: `Chaos Part ${index} r${this.count}`,
      description: `Chaos definition ${this.count}`,
      price: Math.round(rng() * 10_000) / 100,
    };
  }

  /** Runs `change` on an item no other definition change is touching; null when one is. */
  async exclusively<T>(itemId: string, change: () => Promise<T> | T): Promise<T | null> {
    if (this.busy.has(itemId)) return null;
    this.busy.add(itemId);
    try {
      return await change();
    } finally {
      this.busy.delete(itemId);
    }
  }

  confirmed(itemId: string, definition: ChaosDefinition): void {
    this.last.set(itemId, definition);
  }

  /** Every item changed, with the definition it was last given. */
  entries(): [string, ChaosDefinition][] {
    return [...this.last.entries()];
  }
}
