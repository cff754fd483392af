/** The error and its causes ("Failed to start Workflow" alone does not say that Temporal was unreachable). */
export const errorMessage = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  return err.cause === undefined ? err.message : `${err.message}: ${errorMessage(err.cause)}`;
};
