/** A failure in one line: the plain-language explanation our API clients attach, else the message. */
export function describeError(error: unknown): string {
  if (error instanceof Error && 'explanation' in error && typeof error.explanation === 'string')
    return error.explanation;
  return error instanceof Error ? error.message : String(error);
}
