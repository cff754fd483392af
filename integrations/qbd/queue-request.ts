import { z } from 'zod';
import type { QbdQueueRepository, QbdRequest } from './storage/queue.js';
import { checkRequestBody, requestTypeSchema } from './qbxml.js';

export const qbdRequestSchema = z.object({
  requestType: requestTypeSchema,
  body: z.string(),
  iterate: z.boolean().optional(),
});

/**
 * Queues a qbXML request for a connection's next Web Connector session, after checking its body is well-formed, so a
 * broken request is refused here rather than by QuickBooks in the middle of a session.
 */
export async function queueQbdRequest(
  queue: QbdQueueRepository,
  connectionId: string,
  request: z.input<typeof qbdRequestSchema>,
): Promise<QbdRequest> {
  const parsed = qbdRequestSchema.parse(request);
  checkRequestBody(parsed.body);
  return queue.enqueue(connectionId, parsed);
}
