import { ZuperApiError } from './errors.js';

/**
 * Resolves to null when Zuper answers that the record is unknown. A path Zuper has no route for (HTML "Cannot GET")
 * still throws, since reading it as "the record is gone" would delete links on a client bug, unless the caller reads
 * an optional route (`routeMayBeMissing`). Every other failure throws.
 */
export async function nullWhenNotFound<T>(pending: Promise<T>, routeMayBeMissing = false): Promise<T | null> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ZuperApiError && error.kind === 'not-found' && (routeMayBeMissing || !error.routeMissing)) {
      return null;
    }
    throw error;
  }
}
