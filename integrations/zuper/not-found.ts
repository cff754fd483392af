import { ZuperApiError } from './errors.js';

/** Resolves to null when Zuper answers "not found"; every other failure still throws. */
export async function nullWhenNotFound<T>(pending: Promise<T>): Promise<T | null> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ZuperApiError && error.kind === 'not-found') return null;
    throw error;
  }
}
