import { faults } from './fault-shapes.js';
import type { RealmStore, StoredResponse } from './store.js';

export const maxRequestIdLength = 50;
export const maxBatchRequestIdLength = 36;

/**
 * Runs a write at most once per `requestid` and realm: a repeat gets the stored original response (status and
 * exact body) without running again, unless `brokenDedupe` simulates QBO's reported duplicate processing.
 */
export function onceForRequestId(
  store: RealmStore,
  requestId: string | undefined,
  opts: { batch: boolean; brokenDedupe: boolean },
  run: () => StoredResponse,
): StoredResponse & { replayed: boolean } {
  if (requestId === undefined) return { ...run(), replayed: false };
  const limit = opts.batch ? maxBatchRequestIdLength : maxRequestIdLength;
  if (requestId.length > limit) {
    throw faults.businessValidation(`You cannot enter more than ${limit} characters in the request_id field`);
  }
  const stored = store.requestIds.get(requestId);
  if (stored && !opts.brokenDedupe) return { ...stored, replayed: true };
  const response = run();
  store.rememberResponse(requestId, response);
  return { ...response, replayed: false };
}
