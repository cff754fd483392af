import { createHash, randomUUID } from 'node:crypto';
import type { Db, Listener, Queryable } from '../../../storage/db.js';

export type QbdRequestStatus = 'queued' | 'sent' | 'answered' | 'failed';

/** One qbXML request for a connection's QuickBooks Desktop, from queueing to its answer. */
export interface QbdRequest {
  connectionId: string;
  /** Sent as the request's requestID attribute; QuickBooks echoes it on the answer. */
  requestId: string;
  /** The request element, e.g. `ItemInventoryQueryRq`. */
  requestType: string;
  /** The request element's content (qbXML). */
  body: string;
  iterator: 'Start' | 'Continue' | null;
  iteratorId: string | null;
  status: QbdRequestStatus;
  statusCode: number | null;
  statusSeverity: string | null;
  statusMessage: string | null;
  /** The qbXML response document holding its answer (its own `…Rs` alone, when it went with others). */
  response: string | null;
  /** Sent in a session that ended before QuickBooks' answer came: QuickBooks may have applied it. */
  answerLost: boolean;
  /** When it was answered (or given up on); null while it waits. */
  answeredAt: Date | null;
  /**
   * Waiting to go in a message of its own: QuickBooks could not parse a message it went in with others, so each of
   * that message's requests is sent alone, and one it cannot parse fails alone.
   */
  sendAlone: boolean;
}

/** A request as a step hands it over: the queue gives it its own requestID. */
export type QbdRequestContent = Pick<QbdRequest, 'requestType' | 'body' | 'iterator' | 'iteratorId'>;

/** What QuickBooks said about one request, read from its `…Rs` element. */
export interface QbdAnswer {
  requestId: string;
  statusCode: number;
  statusSeverity: string;
  statusMessage: string | null;
  iteratorId: string | null;
  iteratorRemainingCount: number | null;
}

/** An answer with the response document that holds it alone. */
export interface QbdAnswerDocument {
  answer: QbdAnswer;
  document: string;
}

/** What one message to QuickBooks may carry. */
export interface MessageLimits {
  maxRequests: number;
  /** A request that must be the only one of its message (its answer may be as large as a message may be). */
  goesAlone: (request: QbdRequest) => boolean;
}

/** Why answers were refused: one names a request this session has no answer pending for. */
export interface QbdAnswerRefusal {
  requestId: string;
  reason: 'not sent in this session' | 'already answered';
}

export interface QbdSession {
  connectionId: string;
  lastError: string | null;
}

/** What the store knows of a connection's Web Connector: its login, its sessions and the work waiting for them. */
export interface QbdConnectorActivity {
  /** The Web Connector login's username; null when QuickBooks Desktop is not connected. */
  username: string | null;
  /** The newest session: when it started and, once over, when it ended. */
  lastSession: { startedAt: Date; closedAt: Date | null } | null;
  /** Requests queued for a session, or sent in one and not answered yet. */
  waiting: number;
  /** The messages the newest sessions recorded for the Web Connector's getLastError, newest first (five at most). */
  sessionMessages: { message: string; sessionStartedAt: Date }[];
}

interface RequestRow {
  seq: string;
  connection_id: string;
  request_id: string;
  request_type: string;
  body: string;
  iterator: 'Start' | 'Continue' | null;
  iterator_id: string | null;
  iteration_of: string | null;
  status: QbdRequestStatus;
  sent_in: string | null;
  response: string | null;
  status_code: number | null;
  status_severity: string | null;
  status_message: string | null;
  caller_key: string | null;
  answer_lost: boolean;
  answered_at: Date | null;
}

const toRequest = (r: RequestRow): QbdRequest => ({
  connectionId: r.connection_id,
  requestId: r.request_id,
  requestType: r.request_type,
  body: r.body,
  iterator: r.iterator,
  iteratorId: r.iterator_id,
  status: r.status,
  statusCode: r.status_code,
  statusSeverity: r.status_severity,
  statusMessage: r.status_message,
  response: r.response,
  answerLost: r.answer_lost,
  answeredAt: r.answered_at === null ? null : new Date(r.answered_at),
  // A request waiting keeps no status but the reason it was queued again alone (`sendApart`).
  sendAlone: (r.status === 'queued' || r.status === 'sent') && r.status_message !== null,
});

const ticketHash = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

// An iterator's pages follow each other before anything queued after its first page: QuickBooks lets it expire.
const sendingOrder = 'ORDER BY coalesce(iteration_of, seq), seq';

/**
 * How long an answered request and a closed session are kept. An answer serves the retry of the step that queued it
 * (it finds the answer by its key) and shows what was sent; a step still retrying after a week looks before it writes
 * again anyway. Without a limit the quantity watch alone adds 6 requests, with their whole responses, per session.
 */
export const QBD_WORK_RETENTION_DAYS = 7;

/** Forgets a connection's answered requests and closed sessions older than the retention, but no iterator's first page
 * whose next page is still to be sent (deleting it would delete that page too). */
async function forgetOldWork(q: Queryable, connectionId: string): Promise<void> {
  await q.query(
    `DELETE FROM qbd_requests r WHERE r.connection_id = $1 AND r.status IN ('answered', 'failed')
       AND r.answered_at < now() - make_interval(days => $2)
       AND NOT EXISTS (SELECT 1 FROM qbd_requests page WHERE page.iteration_of = r.seq AND page.status IN ('queued', 'sent'))`,
    [connectionId, QBD_WORK_RETENTION_DAYS],
  );
  await q.query('DELETE FROM qbd_sessions WHERE connection_id = $1 AND closed_at < now() - make_interval(days => $2)', [
    connectionId,
    QBD_WORK_RETENTION_DAYS,
  ]);
}

/**
 * Announces, by whichever process makes it, a change a waiter may be waiting for: a step's request queued (the
 * endpoint holding a session open for it), answers recorded or a request given up on (the step waiting for them).
 */
const QUEUE_CHANGED_CHANNEL = 'qbd_queue_changed';

/** A mark of the queue's changes this process has heard of; take it before reading the queue, then wait from it. */
export type QueueChangeMark = number;

/**
 * Wake-ups on the queue's changes in this process, from the database's notifications: one listener, opened by the
 * first mark and closed with the database; a (re)connected listener wakes the waits too, since a change may have gone
 * unheard meanwhile. A wait ends as soon as a change is heard after its mark, or after its fallback interval, or when
 * its cancellation aborts (the caller then throws the abort's reason).
 */
function queueChanges(db: Db) {
  let heard = 0;
  let listener: Listener | null = null;
  const waiting = new Set<() => void>();
  const wake = () => {
    heard++;
    for (const end of [...waiting]) end();
  };
  return {
    mark(): QueueChangeMark {
      listener ??= db.listen(QUEUE_CHANGED_CHANNEL, wake);
      return heard;
    },
    /** Whether changes are heard now: while not, a wait ends only by its clock (or its cancellation). */
    get listening(): boolean {
      return listener?.listening ?? false;
    },
    /** Until a change is heard after `mark`, or `fallbackMs` passes, or the cancellation aborts. */
    async after(mark: QueueChangeMark, fallbackMs: number, cancellation?: AbortSignal): Promise<void> {
      if (heard !== mark || cancellation?.aborted) return;
      await new Promise<void>((resolve) => {
        const end = () => {
          clearTimeout(timer);
          waiting.delete(end);
          cancellation?.removeEventListener('abort', end);
          resolve();
        };
        const timer = setTimeout(end, Math.max(0, fallbackMs));
        waiting.add(end);
        cancellation?.addEventListener('abort', end, { once: true });
      });
    },
  };
}

/** Wakes every step waiting on the queue (a disconnect's withdrawn requests too); sent with the caller's commit. */
export const announceQueueChange = (q: Queryable) => q.query('SELECT pg_notify($1, $2)', [QUEUE_CHANGED_CHANNEL, '']);

/**
 * Ends a connection's open sessions and withdraws its requests still queued or sent, in the caller's transaction (the
 * one deleting its Web Connector login): nothing answers them any more, and the steps waiting on them see them gone
 * (integrations/qbd/queued-send.ts). Answered requests are kept for the steps that read them.
 */
export async function withdrawConnectionWork(tx: Queryable, connectionId: string): Promise<void> {
  await tx.query('UPDATE qbd_sessions SET closed_at = now() WHERE connection_id = $1 AND closed_at IS NULL', [
    connectionId,
  ]);
  await tx.query(`DELETE FROM qbd_requests WHERE connection_id = $1 AND status IN ('queued', 'sent')`, [connectionId]);
  await announceQueueChange(tx);
}

/** Each connection's queue of qbXML requests and its Web Connector sessions (tickets). */
export function qbdQueueRepository(db: Db) {
  const changes = queueChanges(db);
  const openSession = async (q: Queryable, ticket: string) =>
    (
      await q.query<{ connection_id: string; last_error: string | null }>(
        'SELECT connection_id, last_error FROM qbd_sessions WHERE ticket_sha256 = $1 AND closed_at IS NULL',
        [ticketHash(ticket)],
      )
    )[0];

  return {
    /** Wake-ups on the queue's changes, made by any process: take a mark, read the queue, then wait from the mark. */
    changes,

    /** Queues a request; `iterate` sends it as an iterator's first page (its body then sets MaxReturned). */
    async enqueue(
      connectionId: string,
      request: { requestType: string; body: string; iterate?: boolean },
    ): Promise<QbdRequest> {
      const rows = await db.query<RequestRow>(
        `INSERT INTO qbd_requests (connection_id, request_id, request_type, body, iterator)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [connectionId, randomUUID(), request.requestType, request.body, request.iterate ? 'Start' : null],
      );
      return toRequest(rows[0]!);
    },

    /**
     * Queues a request a sync step waits for, under the step's key (unique per connection); a key queued before
     * keeps its request, so a retried step finds it, in whatever state it is, rather than queueing it twice. Null when
     * the key was never queued and the connection has no Web Connector login (QuickBooks Desktop was disconnected):
     * no session would ever carry it. The login is read under a share lock, so a disconnect either waits for this
     * request and withdraws it, or comes first and this request is not queued.
     */
    async enqueueKeyed(connectionId: string, key: string, request: QbdRequestContent): Promise<QbdRequest | null> {
      return (await this.enqueueKeyedAll(connectionId, [{ key, request }]))[0] ?? null;
    },

    /**
     * Queues several keyed requests at once, in their order, as `enqueueKeyed` queues one: with one commit, so a
     * session reading the queue meanwhile finds all of them or none, and one message can carry them together.
     */
    async enqueueKeyedAll(
      connectionId: string,
      requests: readonly { key: string; request: QbdRequestContent }[],
    ): Promise<(QbdRequest | null)[]> {
      const column = (pick: (entry: { key: string; request: QbdRequestContent }) => string | null) =>
        requests.map(pick);
      // One statement, so the notification leaves with the commit of the requests it announces (none for keys
      // queued before, or for a connection without a login).
      await db.query(
        `WITH fresh AS (
           INSERT INTO qbd_requests (connection_id, request_id, request_type, body, iterator, iterator_id, caller_key)
           SELECT c.connection_id, r.request_id, r.request_type, r.body, r.iterator, r.iterator_id, r.caller_key
             FROM connection_credentials c,
                  unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY
                    AS r(request_id, request_type, body, iterator, iterator_id, caller_key, place)
            WHERE c.connection_id = $1 AND c.system = 'qbd' AND c.secrets_sealed IS NOT NULL
            ORDER BY r.place FOR SHARE OF c
           ON CONFLICT (connection_id, caller_key) DO NOTHING RETURNING 1)
         SELECT pg_notify($8, '') FROM fresh LIMIT 1`,
        [
          connectionId,
          column(() => randomUUID()),
          column((entry) => entry.request.requestType),
          column((entry) => entry.request.body),
          column((entry) => entry.request.iterator),
          column((entry) => entry.request.iteratorId),
          column((entry) => entry.key),
          QUEUE_CHANGED_CHANNEL,
        ],
      );
      const rows = await db.query<RequestRow>(
        'SELECT * FROM qbd_requests WHERE connection_id = $1 AND caller_key = ANY($2::text[])',
        [connectionId, column((entry) => entry.key)],
      );
      const byKey = new Map(rows.map((row) => [row.caller_key, toRequest(row)]));
      return requests.map((entry) => byKey.get(entry.key) ?? null);
    },

    /** The request queued under a step's key; null when the key was never queued, or was withdrawn by a disconnect. */
    async findKeyed(connectionId: string, key: string): Promise<QbdRequest | null> {
      const rows = await db.query<RequestRow>(
        'SELECT * FROM qbd_requests WHERE connection_id = $1 AND caller_key = $2',
        [connectionId, key],
      );
      return rows[0] ? toRequest(rows[0]) : null;
    },

    /**
     * Whether this session answered a step's request within the last `withinMs`: the step, which reads the queue for
     * its answer every moment (or its retry, a second later), may be about to queue its next request.
     */
    async stepFollowingUp(ticket: string, withinMs: number): Promise<boolean> {
      const rows = await db.query(
        `SELECT 1 FROM qbd_requests
         WHERE sent_in = $1 AND caller_key IS NOT NULL AND status IN ('answered', 'failed')
           AND answered_at > now() - make_interval(secs => $2::double precision / 1000) LIMIT 1`,
        [ticketHash(ticket), withinMs],
      );
      return rows.length > 0;
    },

    /**
     * The requests queued under keys that start with `prefix`, newest first (`limit` at most): asks that are made again
     * under a fresh key each time, such as the prerequisite checks'.
     */
    async keyedAsks(connectionId: string, prefix: string, limit: number): Promise<QbdRequest[]> {
      const rows = await db.query<RequestRow>(
        `SELECT * FROM qbd_requests WHERE connection_id = $1 AND starts_with(caller_key, $2) ORDER BY seq DESC LIMIT $3`,
        [connectionId, prefix, limit],
      );
      return rows.map(toRequest);
    },

    async connectorActivity(connectionId: string): Promise<QbdConnectorActivity> {
      const [login, sessions, waiting, messages] = await Promise.all([
        db.query<{ lookup_key: string | null }>(
          `SELECT lookup_key FROM connection_credentials
            WHERE connection_id = $1 AND system = 'qbd' AND secrets_sealed IS NOT NULL`,
          [connectionId],
        ),
        db.query<{ started_at: Date; closed_at: Date | null }>(
          'SELECT started_at, closed_at FROM qbd_sessions WHERE connection_id = $1 ORDER BY started_at DESC LIMIT 1',
          [connectionId],
        ),
        db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM qbd_requests WHERE connection_id = $1 AND status IN ('queued', 'sent')`,
          [connectionId],
        ),
        db.query<{ last_error: string; started_at: Date }>(
          `SELECT last_error, started_at FROM qbd_sessions WHERE connection_id = $1 AND last_error IS NOT NULL
           ORDER BY started_at DESC LIMIT 5`,
          [connectionId],
        ),
      ]);
      const row = login[0];
      const session = sessions[0];
      return {
        username: row?.lookup_key ?? null,
        lastSession: session
          ? {
              startedAt: new Date(session.started_at),
              closedAt: session.closed_at === null ? null : new Date(session.closed_at),
            }
          : null,
        waiting: waiting[0]!.n,
        sessionMessages: messages.map((m) => ({ message: m.last_error, sessionStartedAt: new Date(m.started_at) })),
      };
    },

    async list(connectionId: string): Promise<QbdRequest[]> {
      const rows = await db.query<RequestRow>(`SELECT * FROM qbd_requests WHERE connection_id = $1 ORDER BY seq`, [
        connectionId,
      ]);
      return rows.map(toRequest);
    },

    /**
     * Starts a session under a new ticket, ending any the connection still had open: their unanswered requests are
     * queued again, since the Web Connector never delivers an answer to an ended session, and an iterator's next page
     * becomes its first page again. A step's request is not sent again but marked `answerLost`: it may have been
     * applied, and only the step knows how to look (a movement's adjustment by its RefNumber) before writing again.
     */
    async startSession(connectionId: string): Promise<{ ticket: string; queued: number }> {
      const ticket = randomUUID();
      return db.transaction(async (tx) => {
        await tx.query('SELECT id FROM connections WHERE id = $1 FOR UPDATE', [connectionId]);
        await tx.query('UPDATE qbd_sessions SET closed_at = now() WHERE connection_id = $1 AND closed_at IS NULL', [
          connectionId,
        ]);
        await tx.query(
          `UPDATE qbd_requests SET status = 'failed', answer_lost = true, answered_at = now(),
             status_message = 'The Web Connector session ended before QuickBooks answered.'
           WHERE connection_id = $1 AND status = 'sent' AND caller_key IS NOT NULL`,
          [connectionId],
        );
        // A step waiting for one of those answers hears at once that it must look before writing again.
        await announceQueueChange(tx);
        await tx.query(
          `UPDATE qbd_requests SET status = 'queued', sent_in = NULL, sent_at = NULL
           WHERE connection_id = $1 AND status = 'sent'`,
          [connectionId],
        );
        // QuickBooks drops an iterator when its session ends (3391 afterwards): the query starts again from its first
        // page. Queries only read, so reading the earlier pages again changes nothing.
        await tx.query(
          `UPDATE qbd_requests SET iterator = 'Start', iterator_id = NULL
           WHERE connection_id = $1 AND status = 'queued' AND iterator = 'Continue' AND caller_key IS NULL`,
          [connectionId],
        );
        await forgetOldWork(tx, connectionId);
        await tx.query('INSERT INTO qbd_sessions (ticket_sha256, connection_id) VALUES ($1, $2)', [
          ticketHash(ticket),
          connectionId,
        ]);
        const counted = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM qbd_requests WHERE connection_id = $1 AND status = 'queued'`,
          [connectionId],
        );
        return { ticket, queued: counted[0]!.n };
      });
    },

    /** The open session of a ticket; null for a ticket never issued or whose session ended. */
    async session(ticket: string): Promise<QbdSession | null> {
      const found = await openSession(db, ticket);
      return found ? { connectionId: found.connection_id, lastError: found.last_error } : null;
    },

    async setLastError(ticket: string, message: string): Promise<void> {
      await db.query('UPDATE qbd_sessions SET last_error = $2 WHERE ticket_sha256 = $1', [ticketHash(ticket), message]);
    },

    /** Ends a session; false when the ticket had no open session. */
    async closeSession(ticket: string): Promise<boolean> {
      const rows = await db.query(
        'UPDATE qbd_sessions SET closed_at = now() WHERE ticket_sha256 = $1 AND closed_at IS NULL RETURNING 1',
        [ticketHash(ticket)],
      );
      return rows.length > 0;
    },

    /**
     * The requests to send next in a session, in sending order: those it sent and has not had answered (the Web
     * Connector asks again when an answer was lost), else the next queued ones, now marked sent in this session. At
     * most `message.maxRequests`, and one that `message.goesAlone` only as the message's one request. Empty when
     * nothing is left.
     */
    async nextToSend(ticket: string, message: MessageLimits): Promise<QbdRequest[]> {
      const hash = ticketHash(ticket);
      return db.transaction(async (tx) => {
        const session = await openSession(tx, ticket);
        if (!session) return [];
        const inFlight = await tx.query<RequestRow>(
          `SELECT * FROM qbd_requests WHERE sent_in = $1 AND status = 'sent' ${sendingOrder}`,
          [hash],
        );
        if (inFlight.length > 0) return inFlight.map(toRequest);
        const queued = await tx.query<RequestRow>(
          `SELECT * FROM qbd_requests WHERE connection_id = $1 AND status = 'queued'
           ${sendingOrder} LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [session.connection_id, message.maxRequests],
        );
        const alone = (row: RequestRow) => message.goesAlone(toRequest(row));
        const firstAlone = queued.findIndex(alone);
        // A prefix, so nothing overtakes a request queued before it (an iterator's next page, above all).
        const taken = firstAlone === 0 ? queued.slice(0, 1) : firstAlone > 0 ? queued.slice(0, firstAlone) : queued;
        if (taken.length === 0) return [];
        const claimed = await tx.query<RequestRow>(
          `UPDATE qbd_requests SET status = 'sent', sent_in = $2, sent_at = now()
           WHERE seq = ANY($1::bigint[]) RETURNING *`,
          [taken.map((row) => row.seq), hash],
        );
        const bySeq = new Map(claimed.map((row) => [row.seq, row]));
        return taken.map((row) => toRequest(bySeq.get(row.seq)!));
      });
    },

    /**
     * Queues the session's unanswered requests again, each to be sent alone, when they went in one message that
     * QuickBooks refused whole (it ran none of them); `reason` is kept on each while it waits. Does nothing and answers
     * an empty list when the message held one request: that one failed by itself.
     */
    async sendApart(ticket: string, reason: string): Promise<string[]> {
      const rows = await db.query<{ request_id: string }>(
        `WITH message AS (SELECT seq FROM qbd_requests WHERE sent_in = $1 AND status = 'sent')
         UPDATE qbd_requests SET status = 'queued', sent_in = NULL, sent_at = NULL, status_message = $2
          WHERE seq IN (SELECT seq FROM message) AND (SELECT count(*) FROM message) > 1
         RETURNING request_id`,
        [ticketHash(ticket), reason],
      );
      return rows.map((r) => r.request_id);
    },

    /** Marks the session's unanswered requests failed, for when QuickBooks could not process them at all. */
    async failInFlight(ticket: string, message: string): Promise<string[]> {
      const rows = await db.query<{ request_id: string }>(
        `WITH failed AS (
           UPDATE qbd_requests SET status = 'failed', status_message = $2, answered_at = now()
           WHERE sent_in = $1 AND status = 'sent' RETURNING request_id)
         SELECT request_id, pg_notify($3, '') FROM failed`,
        [ticketHash(ticket), message, QUEUE_CHANGED_CHANNEL],
      );
      return rows.map((r) => r.request_id);
    },

    /**
     * Records QuickBooks' answers, each with the response document that holds it alone, all or none: each must answer
     * a request this session sent and has not had answered, else nothing is recorded and the refusal names the first
     * that does not. An iterator page with more to come queues the next page under a fresh requestID, unless a step
     * queued it: the step asks for its next page itself.
     */
    async recordAnswers(
      ticket: string,
      answers: readonly QbdAnswerDocument[],
    ): Promise<{ recorded: true } | { recorded: false; refusal: QbdAnswerRefusal }> {
      const hash = ticketHash(ticket);
      return db.transaction(async (tx) => {
        const session = await openSession(tx, ticket);
        const pending: RequestRow[] = [];
        for (const { answer } of answers) {
          const rows = await tx.query<RequestRow>(
            'SELECT * FROM qbd_requests WHERE request_id = $1 AND connection_id = $2 FOR UPDATE',
            [answer.requestId, session?.connection_id ?? null],
          );
          const row = rows[0];
          const refusal = refusalOf(answer.requestId, row, hash);
          if (refusal || pending.some((p) => p.seq === row!.seq)) {
            return { recorded: false, refusal: refusal ?? { requestId: answer.requestId, reason: 'already answered' } };
          }
          pending.push(row!);
        }
        for (const [index, { answer, document }] of answers.entries()) {
          const row = pending[index]!;
          await tx.query(
            `UPDATE qbd_requests SET status = $2, response = $3, status_code = $4, status_severity = $5,
               status_message = $6, answered_at = now() WHERE seq = $1`,
            [
              row.seq,
              answer.statusSeverity === 'Error' ? 'failed' : 'answered',
              document,
              answer.statusCode,
              answer.statusSeverity,
              answer.statusMessage,
            ],
          );
          const continued = row.iterator !== null && row.caller_key === null;
          if (continued && answer.iteratorId !== null && (answer.iteratorRemainingCount ?? 0) > 0) {
            await tx.query(
              `INSERT INTO qbd_requests (connection_id, request_id, request_type, body, iterator, iterator_id, iteration_of)
               VALUES ($1, $2, $3, $4, 'Continue', $5, $6)`,
              [
                row.connection_id,
                randomUUID(),
                row.request_type,
                row.body,
                answer.iteratorId,
                row.iteration_of ?? row.seq,
              ],
            );
          }
        }
        // Delivered when the transaction commits: the steps waiting for these answers read them at once.
        await announceQueueChange(tx);
        return { recorded: true };
      });
    },

    /** How far the session is, 0-100 as the Web Connector shows it: 100 only once nothing is queued or unanswered. */
    async percentDone(ticket: string): Promise<number> {
      const rows = await db.query<{ done: number; pending: number }>(
        `SELECT count(*) FILTER (WHERE sent_in = $1 AND status IN ('answered', 'failed'))::int AS done,
                count(*) FILTER (WHERE status IN ('queued', 'sent'))::int AS pending
         FROM qbd_requests
         WHERE connection_id = (SELECT connection_id FROM qbd_sessions WHERE ticket_sha256 = $1)`,
        [ticketHash(ticket)],
      );
      const { done, pending } = rows[0]!;
      return pending === 0 ? 100 : Math.min(99, Math.floor((100 * done) / (done + pending)));
    },
  };
}

function refusalOf(requestId: string, row: RequestRow | undefined, sessionHash: string): QbdAnswerRefusal | null {
  if (row?.status === 'sent' && row.sent_in === sessionHash) return null;
  if (row?.status === 'answered' || row?.status === 'failed') return { requestId, reason: 'already answered' };
  return { requestId, reason: 'not sent in this session' };
}

export type QbdQueueRepository = ReturnType<typeof qbdQueueRepository>;
