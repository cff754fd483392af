/** What went wrong, in the terms a caller acts on (retry, re-read, rename, reconnect, fix data). */
export type QboErrorKind =
  | 'throttled'
  | 'auth'
  | 'forbidden'
  | 'stale'
  | 'duplicate-name'
  | 'validation'
  | 'invalid-reference'
  | 'not-found'
  | 'server'
  | 'network';

/** One entry of a QBO Fault's `Error[]`. */
export interface QboFaultEntry {
  code?: string;
  message: string;
  detail?: string;
  element?: string;
}

export interface QboApiErrorFields {
  kind: QboErrorKind;
  retryable: boolean;
  /** Absent for network failures (no response). */
  httpStatus?: number;
  code?: string;
  message: string;
  detail?: string;
  element?: string;
  faultType?: string;
  intuitTid?: string;
  /** Suggested wait before retrying (throttling). */
  retryAfterMs?: number;
  /** Every entry of the fault; the first one fills code/message/detail/element. */
  errors: QboFaultEntry[];
  /** e.g. "POST item"; never contains tokens. */
  operation: string;
  explanation: string;
  fix: string;
}

/** A failed QBO API call. Plain data fields so it survives serialisation into activity failures and audit rows. */
export class QboApiError extends Error implements QboApiErrorFields {
  override readonly name = 'QboApiError';
  declare readonly kind: QboErrorKind;
  declare readonly retryable: boolean;
  declare readonly httpStatus?: number;
  declare readonly code?: string;
  declare readonly detail?: string;
  declare readonly element?: string;
  declare readonly faultType?: string;
  declare readonly intuitTid?: string;
  declare readonly retryAfterMs?: number;
  declare readonly errors: QboFaultEntry[];
  declare readonly operation: string;
  declare readonly explanation: string;
  declare readonly fix: string;

  constructor(fields: QboApiErrorFields) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

export interface QboAuthErrorFields {
  /** OAuth `error` value, e.g. `invalid_grant`. */
  code: string;
  description?: string;
  httpStatus?: number;
  intuitTid?: string;
  explanation: string;
  fix: string;
  /** Only a new authorisation of the app can fix it (as opposed to correcting the app's credentials). */
  reconnectNeeded: boolean;
}

/**
 * The OAuth server refused the grant or the client (`invalid_grant`, `invalid_client`, user denied consent…).
 * Retrying cannot help: somebody has to reconnect QuickBooks or fix the app credentials.
 */
export class QboAuthError extends Error implements QboAuthErrorFields {
  override readonly name = 'QboAuthError';
  readonly kind = 'auth' as const;
  readonly retryable = false;
  declare readonly code: string;
  declare readonly description?: string;
  declare readonly httpStatus?: number;
  declare readonly intuitTid?: string;
  declare readonly explanation: string;
  declare readonly fix: string;
  declare readonly reconnectNeeded: boolean;

  constructor(fields: QboAuthErrorFields) {
    super(fields.description ? `${fields.code}: ${fields.description}` : fields.code);
    Object.assign(this, fields);
  }
}

/** A QBO response did not have the shape the client relies on; `path` names the offending field. */
export class QboSchemaError extends Error {
  override readonly name = 'QboSchemaError';
  readonly kind = 'schema' as const;
  readonly retryable = false;
  readonly explanation =
    'QuickBooks answered in a form this sync does not understand, so nothing was changed based on that answer.';
  readonly fix =
    'Report it with the details shown here: the sync needs an update for this QuickBooks response. Retrying will not help.';

  constructor(
    /** Which response, e.g. "GET item/19". */
    readonly operation: string,
    /** Dotted path into the body, e.g. "QueryResponse.Item[3].SyncToken". */
    readonly path: string,
    readonly problem: string,
  ) {
    super(`QuickBooks response to ${operation} has an unexpected shape at ${path || '(root)'}: ${problem}`);
  }
}
