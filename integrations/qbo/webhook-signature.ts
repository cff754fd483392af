import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `header` is Intuit's signature of these exact bytes: base64 of HMAC-SHA256 keyed by the verifier token.
 * Compared in constant time so a forger learns nothing from how long a rejection takes.
 */
export function verifyIntuitSignature(rawBody: Buffer, header: string | undefined, verifierToken: string): boolean {
  // Canonical base64 of 32 bytes only: Buffer.from() would skip junk characters and accept altered headers.
  if (!header || !/^[A-Za-z0-9+/]{43}=$/.test(header)) return false;
  const expected = createHmac('sha256', verifierToken).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
