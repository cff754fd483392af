import { z } from 'zod';
import { ApiError } from '../http/envelope.js';
import { describeIssue } from '../http/validate.js';

/** A rejected admin call: 400 for bad input, 404 for an unknown company or record. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Runs an admin operation, turning validation failures into AdminError(400). */
export function adminCall<T>(operation: () => T): T {
  try {
    return operation();
  } catch (err) {
    if (err instanceof z.ZodError) throw new AdminError(400, describeIssue(err));
    if (err instanceof ApiError) throw new AdminError(400, err.message);
    if (err instanceof AdminError) throw err;
    if (err instanceof Error) throw new AdminError(400, err.message);
    throw err;
  }
}
