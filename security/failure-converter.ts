import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces are not payloads, so the codec never sees them unless they are moved into the
 * failure's encoded attributes: an explanation such as `The Zuper product linked to "Valve 3/4" was deleted` would
 * otherwise sit in clear in the history. Loaded by path (see failure-converter-path.ts) because the workflow sandbox
 * bundles it too; so it imports nothing a workflow may not.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
