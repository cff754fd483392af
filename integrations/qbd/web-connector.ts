import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store.js';
import type { MessageLimits, QbdQueueRepository } from './storage/queue.js';
import {
  answersWide,
  maxRequestsPerMessage,
  qbxmlAnswerDocuments,
  qbxmlMessageDocument,
  qbxmlVersion,
  QbxmlResponseError,
} from './qbxml.js';
import { findQbdLogin } from './credentials.js';
import type { SoapCall, SoapResult } from './soap.js';

export interface WebConnectorDeps {
  store: Pick<Store, 'credentials'>;
  queue: QbdQueueRepository;
  /** How a session waits for the next request of a sync step that is mid-way; defaults below. */
  followUp?: StepFollowUp;
}

/**
 * The Web Connector ends a session once receiveResponseXML answers 100 and asks again only at its next scheduled
 * poll, minutes later; a sync step that reads an answer and then queues its next request (a movement's lookup, then
 * its adjustment) would wait that long. So when nothing is left to send but this session answered a step's request
 * within `withinMs`, receiveResponseXML waits (at most `maxWaitMs`) for that step's next request before it answers
 * 100 (docs/adr/0011-qbd-web-connector-endpoint.md).
 */
export interface StepFollowUp {
  withinMs: number;
  maxWaitMs: number;
  /** How often the queue is read meanwhile, at the latest: a step's request queued by any process ends the wait. */
  pollMs: number;
}

export const defaultStepFollowUp: StepFollowUp = { withinMs: 2000, maxWaitMs: 10_000, pollMs: 100 };

/** Shown in the Web Connector's "More information". */
export const serverVersionText = 'qzsync QuickBooks Web Connector endpoint 1';

/** What getLastError says when a session ran out of work: the Web Connector ends the session, nothing failed. */
export const nothingLeftMessage = 'Nothing is left to send to QuickBooks in this session.';

export const unknownTicketMessage =
  'This session ticket is unknown or its session has ended; the next update starts a new session.';

/**
 * What one exchange carries: every queued request of the connection that may go together (a step's requests are
 * queued one after another, each once the one before was answered, so requests waiting together never depend on each
 * other), up to `maxRequestsPerMessage`, a wide answer alone.
 */
const message: MessageLimits = {
  maxRequests: maxRequestsPerMessage,
  goesAlone: (request) => answersWide(request) || request.sendAlone,
};

// The Web Connector sends nothing more after receiveResponseXML answers below zero: it asks getLastError, then closes.
const stopSession = -1;

/** The HRESULT QBXMLRP2 raises when it cannot parse a request message; the Web Connector passes it on as hex. */
const isParseError = (hresult: string) => hresult.toLowerCase() === '0x80040400';

const sameSecret = (given: string, expected: string) => {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/**
 * The service side of the Web Connector protocol (docs/adr/0011-qbd-web-connector-endpoint.md): one call in, its
 * answer out; every state lives in the database, so a restart between two calls loses nothing.
 */
export function webConnector({ store, queue, followUp = defaultStepFollowUp }: WebConnectorDeps) {
  /**
   * How far the session is; 100 only once no step of this session is about to queue its next request. The wait for
   * that request wakes when any process queues a step's request, with the clock as a fallback.
   */
  const percentDone = async (ticket: string) => {
    const deadline = Date.now() + followUp.maxWaitMs;
    for (;;) {
      const mark = queue.changes.mark();
      const percent = await queue.percentDone(ticket);
      const waits =
        percent === 100 && Date.now() < deadline && (await queue.stepFollowingUp(ticket, followUp.withinMs));
      if (!waits) return percent;
      await queue.changes.after(mark, Math.min(followUp.pollMs, deadline - Date.now()));
    }
  };

  const fail = async (ticket: string, log: FastifyBaseLogger, message: string): Promise<number> => {
    log.warn({ reason: message }, 'QuickBooks Web Connector session stopped');
    await queue.setLastError(ticket, message);
    return stopSession;
  };

  return async function handle(call: SoapCall, log: FastifyBaseLogger): Promise<SoapResult> {
    switch (call.operation) {
      case 'serverVersion':
        return serverVersionText;
      case 'clientVersion':
        return '';
      case 'authenticate': {
        const { strUserName, strPassword } = call.params;
        const login = strUserName === '' ? null : await findQbdLogin(store, strUserName);
        if (!login || !sameSecret(strPassword, login.password)) {
          log.warn(
            { username: strUserName },
            'QuickBooks Web Connector login refused: unknown username or wrong password',
          );
          return ['', 'nvu'];
        }
        const { ticket, queued } = await queue.startSession(login.connectionId);
        log.info({ connectionId: login.connectionId, queued }, 'QuickBooks Web Connector session started');
        // '' asks for the company file open in QuickBooks.
        return [ticket, queued === 0 ? 'none' : ''];
      }
      case 'sendRequestXML': {
        const { ticket, qbXMLMajorVers, qbXMLMinorVers } = call.params;
        if (!(await queue.session(ticket))) {
          log.warn('sendRequestXML with an unknown session ticket');
          return '';
        }
        if (qbXMLMajorVers < qbxmlVersion.major) {
          await queue.setLastError(
            ticket,
            `This QuickBooks reads qbXML up to ${qbXMLMajorVers}.${qbXMLMinorVers}; the sync needs ${qbxmlVersion.major}.${qbxmlVersion.minor} (QuickBooks 2014 or later).`,
          );
          return '';
        }
        const next = await queue.nextToSend(ticket, message);
        if (next.length === 0) {
          await queue.setLastError(ticket, nothingLeftMessage);
          return '';
        }
        for (const request of next) {
          log.info(
            { connectionId: request.connectionId, requestId: request.requestId, type: request.requestType },
            'qbXML request sent',
          );
        }
        return qbxmlMessageDocument(next);
      }
      case 'receiveResponseXML': {
        const { ticket, response, hresult, message } = call.params;
        const session = await queue.session(ticket);
        if (!session) {
          log.warn('receiveResponseXML with an unknown session ticket; nothing recorded');
          return stopSession;
        }
        const sessionLog = log.child({ connectionId: session.connectionId });
        if (hresult !== '' || response === '') {
          const problem = `${hresult || 'no response'}): ${message}`;
          // QuickBooks could not parse the message and ran none of it: its requests go one a message, so one it cannot
          // parse fails by itself and the others are answered, in this session (it goes on after an HRESULT). Other
          // HRESULTs (QuickBooks busy or unreachable) say nothing of the requests, which go together again next round.
          const apart = isParseError(hresult)
            ? await queue.sendApart(
                ticket,
                `QuickBooks could not parse the message this request went in with others (${problem}; it is sent alone.`,
              )
            : [];
          if (apart.length > 0) {
            sessionLog.warn({ requestIds: apart, hresult, message }, 'qbXML message refused; its requests go alone');
            return percentDone(ticket);
          }
          const reason = `QuickBooks could not process the request (${problem}`;
          const failed = await queue.failInFlight(ticket, reason);
          return fail(ticket, sessionLog.child({ requestIds: failed }), reason);
        }
        let answers;
        try {
          answers = qbxmlAnswerDocuments(response);
        } catch (err) {
          if (!(err instanceof QbxmlResponseError)) throw err;
          return fail(ticket, sessionLog, `The qbXML response was refused and nothing recorded: ${err.message}`);
        }
        const outcome = await queue.recordAnswers(ticket, answers);
        if (!outcome.recorded) {
          const { requestId, reason } = outcome.refusal;
          return fail(
            ticket,
            sessionLog,
            `The qbXML response answers requestID "${requestId}", ${reason}; the response was refused and nothing recorded.`,
          );
        }
        for (const { answer } of answers) {
          const fields = {
            requestId: answer.requestId,
            statusCode: answer.statusCode,
            severity: answer.statusSeverity,
          };
          if (answer.statusSeverity === 'Error')
            sessionLog.warn({ ...fields, message: answer.statusMessage }, 'qbXML error');
          else sessionLog.info(fields, 'qbXML answer recorded');
        }
        return percentDone(ticket);
      }
      case 'connectionError': {
        const { ticket, hresult, message } = call.params;
        if (await queue.session(ticket)) {
          await fail(ticket, log, `QuickBooks could not be opened (${hresult}): ${message}`);
        }
        // Not retried with another company file: the user opens the right one and runs the update again.
        return 'done';
      }
      case 'getLastError': {
        const session = await queue.session(call.params.ticket);
        return session ? (session.lastError ?? '') : unknownTicketMessage;
      }
      case 'closeConnection':
        return (await queue.closeSession(call.params.ticket)) ? 'OK' : unknownTicketMessage;
    }
  };
}
