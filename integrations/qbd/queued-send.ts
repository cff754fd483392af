import type { QbdQueueRepository, QbdRequest, QbdRequestContent } from './storage/queue.js';
import type { QbxmlSend } from './operations.js';
import { qbxmlRequestOf } from './qbxml.js';
import { QbdStatusError } from './responses.js';

/** Where a sync step's requests to QuickBooks Desktop wait: the connection's work queue. */
export interface QbdQueueAccess {
  queue: QbdQueueRepository;
  connectionId: string;
  /** How long one attempt of a step waits for QuickBooks' answers before handing the step back to its retries. */
  waitMs: number;
  /**
   * How often the queue is read for an answer while no notification can wake the wait (its process's listener is
   * connecting); while it listens, an answer recorded by any process wakes the wait at once.
   */
  pollMs: number;
  /** Told while waiting, so a heartbeating activity is not taken for lost (and hears of its cancellation). */
  heartbeat: () => void;
  /**
   * Aborted when the step is cancelled (its worker shuts down, or its workflow cancels it): the wait ends at once
   * with the abort's reason, and the step's next attempt finds its requests where they wait.
   */
  cancellation: AbortSignal;
}

/** How a step waits by default: within an API activity's 30 s timeout, and well inside the endpoint's 2 s window. */
export const defaultStepWait = { waitMs: 20_000, pollMs: 100 } as const;

/**
 * How the quantity watch waits: it has a read waiting for nearly every session, so without notifications it reads the
 * queue less often (two queries a second while the Web Connector is away), still inside the endpoint's 2 s window.
 */
export const watchStepWait = { waitMs: 20_000, pollMs: 500 } as const;

/**
 * How often a step reads the queue while its process listens for the queue's changes: an answer wakes it at once, so
 * the clock only backs up a notification lost while the listener reconnected (which wakes the waits as well).
 */
const listeningPollMs = 1000;

/**
 * No Web Connector session answered a step's request in time: QuickBooks Desktop is reached only when the Web
 * Connector polls. Retryable: the step's next attempt finds the same request (queued, or answered meanwhile).
 */
export class QbdAwaitingWebConnector extends Error {
  override name = 'QbdAwaitingWebConnector';
  readonly retryable = true;
  readonly kind = 'awaiting-web-connector';
  readonly explanation: string;
  readonly fix =
    'Nothing to do while the Web Connector runs on its schedule; if it does not, open it on the QuickBooks computer and check the application is listed with auto-run on.';
  /** The step waited already; its next attempt may as well look again soon. */
  readonly retryAfterMs = 1000;
  constructor(requestType: string) {
    const explanation = `The connection waits for the QuickBooks Web Connector's next poll to send ${requestType} to QuickBooks Desktop; the step resumes with the same request then.`;
    super(explanation);
    this.explanation = explanation;
  }
}

/**
 * QuickBooks Desktop was disconnected from the connection: its Web Connector login is gone, so no session will carry
 * the step's request (withdrawn, or never queued). Not retryable: the step needs the connection reconnected, then a
 * retry, which queues its requests again.
 */
export class QbdDisconnected extends Error {
  override name = 'QbdDisconnected';
  readonly retryable = false;
  readonly kind = 'disconnected';
  readonly explanation: string;
  readonly fix: string;
  constructor(connectionId: string, requestType: string) {
    const explanation = `QuickBooks Desktop was disconnected from connection ${connectionId} (its Web Connector login was deleted), so ${requestType} was not sent to QuickBooks Desktop.`;
    super(explanation);
    this.explanation = explanation;
    this.fix = `Reconnect it with \`qzsync connect qbd ${connectionId}\` and type the new password in the Web Connector, then retry this sync (\`qzsync retry <history id>\`).`;
  }
}

/** The request was sent but never answered (its session ended, or QuickBooks could not process it). */
class QbdRequestUnanswered extends Error {
  override name = 'QbdRequestUnanswered';
}

/** A request's answer once it has one: its response document, or why none will come. */
function answerOf(request: QbdRequest): string | null {
  if (request.status === 'answered' || (request.status === 'failed' && request.response !== null)) {
    return request.response;
  }
  if (request.status === 'failed') throw new QbdRequestUnanswered(request.statusMessage ?? 'no answer');
  return null;
}

// A round whose request went unanswered, whose iterator QuickBooks dropped, or whose record another user held is
// done again from its start as the next round: its answers stay recorded under its keys, so a retried step replays
// the rounds before (without waiting) and resumes the one left open.
const runsAgain = (error: unknown) =>
  error instanceof QbdRequestUnanswered ||
  (error instanceof QbdStatusError && (error.reason === 'iterator-expired' || error.transient));

/**
 * Runs an operation of `operations.ts` over the work queue: each request it sends is queued under `key`, its round
 * and its place in the round (or the label it was sent with), and answered when a Web Connector session carries it. A retried step calls this with
 * the same key and finds its requests instead of queueing them twice. Waits at most `waitMs` for answers, then
 * throws `QbdAwaitingWebConnector`; throws the cancellation's reason as soon as the step is cancelled.
 */
export async function runQueued<T>(
  access: QbdQueueAccess,
  key: string,
  operation: (send: QbxmlSend) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + access.waitMs;
  const enqueue = enqueuedTogether(access);
  for (let round = 0; ; round++) {
    let place = 0;
    // A labelled request is keyed by its label, so requests sent at once keep their keys whatever order they go in.
    const send: QbxmlSend = (requestXml, label) =>
      sendAndWait(access, enqueue, `${key}/${round}/${label ?? place++}`, requestXml, deadline);
    try {
      return await operation(send);
    } catch (error) {
      if (!runsAgain(error)) throw error;
      if (error instanceof QbdStatusError && Date.now() >= deadline) throw error;
    }
  }
}

/**
 * Queues the request and waits for its answer: woken by the queue's change notification (the answer recorded, by
 * whichever process serves the Web Connector), with the clock as a fallback, and ended with the cancellation's own
 * reason (Temporal's CancelledFailure in an activity) once aborted.
 */
async function sendAndWait(
  access: QbdQueueAccess,
  enqueue: Enqueue,
  key: string,
  requestXml: string,
  deadline: number,
) {
  const { queue, connectionId, cancellation } = access;
  const content = qbxmlRequestOf(requestXml);
  // Marked before the first read of the request, so an answer recorded after that read always wakes the wait.
  let mark = queue.changes.mark();
  let request = await enqueue(key, content);
  for (;;) {
    if (!request) throw new QbdDisconnected(connectionId, content.requestType);
    const answer = answerOf(request);
    if (answer !== null) return answer;
    if (Date.now() >= deadline) throw new QbdAwaitingWebConnector(request.requestType);
    access.heartbeat();
    cancellation.throwIfAborted();
    const pollMs = queue.changes.listening ? Math.max(access.pollMs, listeningPollMs) : access.pollMs;
    await queue.changes.after(mark, Math.min(pollMs, deadline - Date.now()), cancellation);
    cancellation.throwIfAborted();
    mark = queue.changes.mark();
    request = await queue.findKeyed(connectionId, key);
  }
}

type Enqueue = (key: string, content: QbdRequestContent) => Promise<QbdRequest | null>;

/**
 * Queues the requests an operation sends in the same moment (reads sent at once) with one commit, so the session that
 * reads the queue next finds them all and one message carries them, rather than the first alone and the rest after.
 */
function enqueuedTogether(access: QbdQueueAccess): Enqueue {
  type Waiting = { key: string; request: QbdRequestContent; settle: (outcome: Promise<QbdRequest | null>) => void };
  let batch: Waiting[] | null = null;
  return (key, request) =>
    new Promise<QbdRequest | null>((resolve) => {
      if (batch === null) {
        const taken: Waiting[] = (batch = []);
        setImmediate(() => {
          batch = null;
          const queued = access.queue.enqueueKeyedAll(access.connectionId, taken);
          taken.forEach((waiting, index) => waiting.settle(queued.then((requests) => requests[index] ?? null)));
        });
      }
      batch.push({ key, request, settle: resolve });
    });
}
