/** An operator request that cannot be carried out, with the HTTP status and a plain-language fix. */
export class OperatorError extends Error {
  override name = 'OperatorError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fix?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const conflict = (code: string, message: string, fix?: string) => new OperatorError(409, code, message, fix);

export const notFound = (code: string, message: string, fix?: string) => new OperatorError(404, code, message, fix);

export const historyNotFound = (historyId: number) =>
  notFound(
    'history_not_found',
    `There is no history entry #${historyId}.`,
    'List entries with `qzsync history <connection>`.',
  );

export const runNotFound = (workflowId: string) => notFound('run_not_found', `There is no run ${workflowId}.`);
