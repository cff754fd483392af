import { explainApiFailure, type Explained } from './error-explanations.js';

/** What went wrong, in the terms a retry policy and an operator care about. */
export type ZuperErrorKind = 'throttled' | 'auth' | 'forbidden' | 'validation' | 'not-found' | 'server' | 'network';

/** Every error this client throws carries a plain-language explanation and a fix for the sync history. */
export abstract class ZuperError extends Error {
  abstract readonly retryable: boolean;
  readonly explanation: string;
  readonly fix: string;

  protected constructor(message: string, explained: Explained) {
    super(message);
    this.explanation = explained.explanation;
    this.fix = explained.fix;
  }
}

export interface ZuperApiErrorFields {
  kind: ZuperErrorKind;
  /** Absent when no response arrived (kind 'network'). */
  httpStatus?: number;
  title: string;
  message: string;
  /** `METHOD /path` of the failed call, without query string or host. */
  endpoint: string;
  retryAfterMs?: number;
  /** True when the request was a write and Zuper may have applied it even though we saw no success. */
  writeMayHaveLanded: boolean;
  /** Zuper has no route at this path (its HTML "Cannot GET" page): the path is wrong, no record is missing. */
  routeMissing?: boolean;
}

export class ZuperApiError extends ZuperError {
  override readonly name = 'ZuperApiError';
  readonly kind: ZuperErrorKind;
  readonly httpStatus: number | undefined;
  readonly title: string;
  readonly retryable: boolean;
  readonly endpoint: string;
  readonly retryAfterMs: number | undefined;
  readonly writeMayHaveLanded: boolean;
  readonly routeMissing: boolean;

  constructor(fields: ZuperApiErrorFields) {
    super(fields.message, explainApiFailure(fields));
    this.kind = fields.kind;
    this.httpStatus = fields.httpStatus;
    this.title = fields.title;
    this.endpoint = fields.endpoint;
    this.retryAfterMs = fields.retryAfterMs;
    this.writeMayHaveLanded = fields.writeMayHaveLanded;
    this.routeMissing = fields.routeMissing ?? false;
    this.retryable = isRetryableKind(fields.kind);
  }
}

function isRetryableKind(kind: ZuperErrorKind): boolean {
  return kind === 'throttled' || kind === 'server' || kind === 'network';
}

/** A 2xx response whose body does not match what we rely on: a contract change, not worth retrying. */
export class ZuperSchemaError extends ZuperError {
  override readonly name = 'ZuperSchemaError';
  readonly retryable = false;
  readonly endpoint: string;
  /** Dotted path of the first offending field in the response body, e.g. `data[3].location_availability[0].quantity`. */
  readonly path: string;

  constructor(endpoint: string, path: string, detail: string) {
    super(`Unexpected Zuper response from ${endpoint} at ${path}: ${detail}`, {
      explanation: `Zuper answered ${endpoint} with data in a shape this service does not understand (field ${path}: ${detail}).`,
      fix: 'Zuper may have changed its API. Report this message to the maintainers of the sync service; retrying will not help.',
    });
    this.endpoint = endpoint;
    this.path = path;
  }
}

/** Data-centre discovery found no company with that login name. */
export class ZuperCompanyNotFoundError extends ZuperError {
  override readonly name = 'ZuperCompanyNotFoundError';
  readonly retryable = false;
  readonly companyLoginName: string;

  constructor(companyLoginName: string, detail: string) {
    super(`Zuper has no company with login name "${companyLoginName}" (${detail})`, {
      explanation: `Zuper's account directory does not know the company login name "${companyLoginName}", so its data centre cannot be found.`,
      fix: 'Enter the company name exactly as typed on the Zuper login page (not the display name), or set the API base URL directly.',
    });
    this.companyLoginName = companyLoginName;
  }
}
