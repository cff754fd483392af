import { createHash, randomUUID } from 'node:crypto';
import type { QbdQueueRepository } from '../storage/queue.js';
import type { QbxmlSend } from '../operations.js';
import { qbxmlRequestOf } from '../qbxml.js';

/** No Web Connector session has answered the question yet: it waits, queued, for the next one. */
export class AwaitingSession extends Error {
  override name = 'AwaitingSession';
}

/** When QuickBooks Desktop gave the answers a check used, and whether it was asked again for the next session. */
export interface SessionAnswers {
  /** When the newest answer used was recorded; null before any answer. */
  answeredAt: Date | null;
  /** A newer ask waits for the next session (queued by this check, or still waiting from an earlier one). */
  askedAgain: boolean;
}

/** How many earlier asks of one question are looked at to find the newest answer (asks lost with a session count). */
const asksLookedAt = 10;

/**
 * A `send` for checks that cannot wait for QuickBooks Desktop: each request is a question queued for the next Web
 * Connector session under a key naming the check and the question, and the newest answer any earlier session gave it
 * is returned at once (`AwaitingSession` before the first). Unless an ask of it is already waiting, every call asks
 * again, so the answer a check shows is at most one session old and a change made in QuickBooks shows at the check
 * after the next session.
 */
export function sessionAnswers(
  queue: QbdQueueRepository,
  connectionId: string,
  check: string,
): { send: QbxmlSend; answers: SessionAnswers } {
  const answers: SessionAnswers = { answeredAt: null, askedAgain: false };
  const send: QbxmlSend = async (requestXml) => {
    const content = qbxmlRequestOf(requestXml);
    const question = createHash('sha256').update(`${content.requestType}\u0000${content.body}`).digest('hex');
    const prefix = `prerequisites/${check}/${question.slice(0, 16)}/`;
    const asks = await queue.keyedAsks(connectionId, prefix, asksLookedAt);
    const waiting = asks.some((ask) => ask.status === 'queued' || ask.status === 'sent');
    // Not queued (null) once the connection has no Web Connector login: no session would carry it.
    const asked = waiting || (await queue.enqueueKeyed(connectionId, `${prefix}${randomUUID()}`, content)) !== null;
    answers.askedAgain ||= asked;
    const answered = asks.find((ask) => ask.response !== null && ask.answeredAt !== null);
    if (!answered?.response || !answered.answeredAt) throw new AwaitingSession(content.requestType);
    if (answers.answeredAt === null || answered.answeredAt < answers.answeredAt)
      answers.answeredAt = answered.answeredAt;
    return answered.response;
  };
  return { send, answers };
}
