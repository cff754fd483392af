import type { QboErrorKind } from './errors.js';

/** QBO fault codes whose meaning does not depend on the HTTP status they arrive with. */
const kindByCode: Readonly<Record<string, QboErrorKind>> = {
  '3001': 'throttled',
  '100': 'auth',
  '3200': 'auth',
  '120': 'forbidden',
  '3100': 'forbidden',
  '6190': 'forbidden',
  '5010': 'stale',
  '6240': 'duplicate-name',
  '610': 'invalid-reference',
  '2500': 'invalid-reference',
  '630': 'validation',
  '2010': 'validation',
  '2020': 'validation',
  // A malformed id ("1.5") says nothing about whether the record exists: never read as "gone".
  '2030': 'validation',
  '2050': 'validation',
  '2170': 'validation',
  '2210': 'validation',
  '4000': 'validation',
  '4001': 'validation',
  '6000': 'validation',
  '6140': 'validation',
  '6210': 'validation',
  '6520': 'validation',
  '6540': 'validation',
  '10000': 'server',
};

const retryableKinds: ReadonlySet<QboErrorKind> = new Set(['throttled', 'auth', 'stale', 'server', 'network']);

export interface QboErrorSignal {
  /** Absent when no response arrived. */
  httpStatus?: number;
  code?: string;
}

/** Classifies a failure; status-level signals (throttle, auth) win over fault codes, and unknown 4xx are validation. */
export function classifyQboError({ httpStatus, code }: QboErrorSignal): { kind: QboErrorKind; retryable: boolean } {
  const kind = kindOf(httpStatus, code);
  return { kind, retryable: retryableKinds.has(kind) };
}

function kindOf(status: number | undefined, code: string | undefined): QboErrorKind {
  if (status === undefined && code === undefined) return 'network';
  const byCode = code === undefined ? undefined : kindByCode[code];
  if (status === 429 || byCode === 'throttled') return 'throttled';
  if (status === 401 || byCode === 'auth') return 'auth';
  if (status === 403 || byCode === 'forbidden') return 'forbidden';
  if (byCode) return byCode;
  if (status !== undefined && status >= 500) return 'server';
  if (status === 404 && code === undefined) return 'not-found';
  // Includes code 500 "Unsupported Operation" under HTTP 400 (plan or text-encoding problems): not transient.
  return 'validation';
}

/**
 * A QuickBooks fault answered to a write that was processed (a business rule, a validation, a bad reference):
 * QuickBooks keeps that answer for the requestid. Throttles, auth and server errors are not such answers.
 */
export function isStoredQboFault(errorCode: string | null): boolean {
  const code = /^qbo:(\d+)$/.exec(errorCode ?? '')?.[1];
  if (code === undefined) return false;
  const { kind, retryable } = classifyQboError({ httpStatus: 400, code });
  return !retryable && kind !== 'forbidden';
}
