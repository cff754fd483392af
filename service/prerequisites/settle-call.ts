export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs a call and keeps its outcome, so one failed check never stops the others. */
export async function settleCall<T>(call: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error };
  }
}
