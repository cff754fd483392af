const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Parses "500ms", "30s", "15m" or "2h" into milliseconds. */
export function durationMs(text: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text);
  if (!match) throw new RangeError(`not a duration: "${text}" (use e.g. 500ms, 30s, 15m, 2h)`);
  return Number(match[1]) * units[match[2] as keyof typeof units];
}
