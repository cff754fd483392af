import { isGrpcServiceError, ScheduleNotFoundError, ServiceError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ConnectionNotFoundError } from '../storage/repositories/connections.js';
import { ConnectInputRefused, SystemNotConnected } from '../integrations/connection-credentials.js';
import { refusedConnectionInput } from '../integrations/registry.js';
import type { ApiError } from './contract/error.js';
import { OperatorError, runNotFound } from './errors.js';

export interface ErrorResponse {
  status: number;
  body: ApiError;
}

const body = (code: string, message: string, fix?: string, field?: string): ApiError => ({
  error: { code, message, ...(fix ? { fix } : {}), ...(field ? { field } : {}) },
});

interface Explained {
  explanation: string;
  fix: string;
  retryable?: boolean;
}

const isExplained = (e: unknown): e is Error & Explained =>
  e instanceof Error &&
  typeof (e as Partial<Explained>).explanation === 'string' &&
  typeof (e as Partial<Explained>).fix === 'string';

const internalError: ErrorResponse = {
  status: 500,
  body: body(
    'internal_error',
    'The service failed to carry out the request.',
    'See the service log for details, then try again.',
  ),
};

/** gRPC's status INVALID_ARGUMENT, as Temporal's frontend answers a request it cannot accept. */
const grpcInvalidArgument = 3;

/** The gRPC status of a Temporal call's failure (the client wraps it in a ServiceError), if it has one. */
const grpcCodeOf = (error: unknown): number | undefined =>
  isGrpcServiceError(error)
    ? error.code
    : error instanceof ServiceError && isGrpcServiceError(error.cause)
      ? error.cause.code
      : undefined;

/** Maps anything a service function throws to a status and a message an operator can act on. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof OperatorError) {
    return { status: error.status, body: body(error.code, error.message, error.fix, error.field) };
  }
  if (error instanceof ConnectInputRefused) {
    const status = error.reason === 'invalid' ? 400 : 409;
    return { status, body: body(error.code, error.message, error.fix, error.field) };
  }
  if (error instanceof SystemNotConnected) return { status: 409, body: body(error.code, error.message, error.fix) };
  if (error instanceof ConnectionNotFoundError) {
    return {
      status: 404,
      body: body('connection_not_found', error.message, 'List connections with `qzsync connections`.'),
    };
  }
  if (error instanceof ScheduleNotFoundError) {
    return {
      status: 404,
      body: body(
        'schedule_not_found',
        'This connection has no reconciliation schedule yet.',
        'Configure it with `qzsync configure`.',
      ),
    };
  }
  if (error instanceof WorkflowNotFoundError) return toErrorResponse(runNotFound(error.workflowId));
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return {
      status: 409,
      body: body('already_running', `${error.workflowId} is already running.`, 'Wait for it to finish.'),
    };
  }
  const refusedInput = refusedConnectionInput(error);
  if (refusedInput) return { status: 422, body: body(refusedInput.code, refusedInput.explanation, refusedInput.fix) };
  if (grpcCodeOf(error) === grpcInvalidArgument) {
    // Not an outage: Temporal refused what we sent. Input is validated before it reaches Temporal, so this is our bug;
    // its text (Temporal's internals) stays in the log.
    return internalError;
  }
  if (error instanceof ServiceError || isGrpcServiceError(error)) {
    return {
      status: 503,
      body: body(
        'temporal_unavailable',
        `Temporal did not carry out the request: ${error.message}`,
        'Check that Temporal is running and reachable at TEMPORAL_ADDRESS, then try again.',
      ),
    };
  }
  if (isExplained(error)) {
    // A system's refusal (4xx-like, not retryable) is the caller's to fix; anything else is upstream trouble.
    const status = error.retryable === false ? 422 : 502;
    return {
      status,
      body: body(status === 422 ? 'rejected_upstream' : 'upstream_unavailable', error.explanation, error.fix),
    };
  }
  return internalError;
}
