/** Every write carries the caller's idempotency key, sent to QBO as `requestid`. */
export interface QboWriteOptions {
  requestId: string;
}
