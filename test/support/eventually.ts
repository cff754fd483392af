/**
 * Polls until `check` returns true, or throws with the last observed value (and `what` it waited for, when given).
 */
export async function eventually<T>(
  observe: () => T | Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await observe();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await observe();
  }
  return last;
}

/** Polls `probe` until it returns a value other than undefined, or fails naming what it waited for. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  return (await eventually(probe, (value) => value !== undefined, timeoutMs, what)) as T;
}
