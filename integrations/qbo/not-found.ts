import { QboApiError } from './errors.js';

/** Reads of hard-deleted or unknown objects fail with fault 610; for reads that simply means "not there". */
export async function notFoundAsNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof QboApiError && err.code === '610') return null;
    throw err;
  }
}
