/** The plain-language explanation and fix our integration errors carry, or a generic one for anything else. */
export function explainError(err: unknown): { explanation: string; fix: string } {
  if (err instanceof Error && 'explanation' in err && 'fix' in err) {
    const { explanation, fix } = err as { explanation: unknown; fix: unknown };
    if (typeof explanation === 'string' && typeof fix === 'string') return { explanation, fix };
  }
  return {
    explanation: 'QuickBooks could not be reached to finish connecting.',
    fix: 'Start the connection again in a moment; if it keeps failing, check that the service can reach QuickBooks.',
  };
}
