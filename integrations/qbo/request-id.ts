/** QBO dedupes writes by `requestid` per company: at most 50 characters, 36 on /batch. */
export const maxRequestIdLength = 50;
export const maxBatchRequestIdLength = 36;

/** Rejects request ids QBO would refuse or that could not round-trip unchanged through a URL. */
export function checkRequestId(requestId: string, maxLength: number): string {
  if (!/^[A-Za-z0-9._:-]+$/.test(requestId)) {
    throw new RangeError(
      `QBO requestid must be non-empty and use only letters, digits and . _ : - (got "${requestId}")`,
    );
  }
  if (requestId.length > maxLength) {
    throw new RangeError(`QBO requestid is ${requestId.length} characters; the limit here is ${maxLength}`);
  }
  return requestId;
}
