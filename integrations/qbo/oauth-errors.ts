import { qboErrorFromFault, qboNetworkError } from './error-from-response.js';
import { QboAuthError } from './errors.js';

const reconnect = 'Reconnect QuickBooks from the connection settings; a QuickBooks company administrator must approve.';

const authExplanations: Readonly<Record<string, { explanation: string; fix: string; reconnectNeeded: boolean }>> = {
  invalid_grant: {
    explanation:
      'QuickBooks no longer accepts this connection (reconnect needed): the app was disconnected in QuickBooks, the refresh token was replaced or unused for about 100 days or reached its 5-year limit, or the sign-in code was already used or expired.',
    fix: reconnect,
    reconnectNeeded: true,
  },
  access_denied: {
    explanation: 'The QuickBooks user declined to connect the app.',
    fix: 'Start the connection again and approve access.',
    reconnectNeeded: true,
  },
  invalid_client: {
    explanation: "QuickBooks rejected the app's client id or secret.",
    fix: 'Check the QuickBooks client id and secret in the configuration, and that they belong to the chosen environment (development keys for sandbox, production keys for production).',
    reconnectNeeded: false,
  },
};

const otherAuthFailure = {
  explanation: 'QuickBooks refused the sign-in request.',
  fix: `${reconnect} If it keeps failing, check the redirect URI and keys of the app in the Intuit developer portal.`,
  reconnectNeeded: true,
};

/** A sync failure's code (`qbo:<OAuth error>`) that only a new authorisation of the app can fix. */
export const isQboReconnectCode = (code: string): boolean =>
  code.startsWith('qbo:') && authExplanations[code.slice('qbo:'.length)]?.reconnectNeeded === true;

export function qboAuthErrorFor(
  code: string,
  facts: { description?: string; httpStatus?: number; intuitTid?: string },
) {
  return new QboAuthError({ code, ...facts, ...(authExplanations[code] ?? otherAuthFailure) });
}

/** The fields intuit-oauth puts on the errors it throws for token-endpoint calls (its `createError`). */
interface LibraryError {
  error?: unknown;
  error_description?: unknown;
  intuit_tid?: unknown;
  originalMessage?: unknown;
  authResponse?: { response?: { status?: unknown; headers?: Record<string, unknown> } } | string;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Maps an intuit-oauth rejection to our errors: a refused grant or client (4xx) → QboAuthError (not retryable),
 * 429 and 5xx → QboApiError throttled/server, no response → network. Anything else (argument errors) is returned
 * unchanged.
 */
export function mapOAuthLibraryError(err: unknown, operation: string, now: Date): unknown {
  if (!(err instanceof Error) || !('authResponse' in err)) return err;
  const e = err as LibraryError;
  const response = typeof e.authResponse === 'object' ? e.authResponse.response : undefined;
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const intuitTid = str(e.intuit_tid);
  if (status === undefined) return qboNetworkError(operation, str(e.originalMessage) ?? err.message);
  const code = str(e.error);
  const description = str(e.error_description);
  if (status === 429 || status >= 500) {
    const retryAfter = str(response?.headers?.['retry-after']);
    const fault = { dialect: 'oauth' as const, errors: [{ message: code ?? `HTTP ${status}`, detail: description }] };
    return qboErrorFromFault(fault, { operation, httpStatus: status, intuitTid, retryAfter, now });
  }
  return qboAuthErrorFor(code ?? `http_${status}`, { description, httpStatus: status, intuitTid });
}
