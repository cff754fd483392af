import type { SessionReport } from '../../emulators/qbd/index.js';
import { childElementMarkup } from '../../integrations/qbd/xml.js';

/** One request of a qbXML request message: its element name, its requestID and its markup. */
export interface MessageRequest {
  type: string;
  requestId: string;
  markup: string;
}

const requestOpening = /^<(\w+Rq)\s[^>]*?\brequestID="([^"]*)"/;

/**
 * The requests one Web Connector exchange carried: every `…Rq` child of QBXMLMsgsRq with a requestID, in document
 * order (the service sends up to 25 queued requests in one message).
 */
export function messageRequests(message: string): MessageRequest[] {
  return childElementMarkup(message, ['QBXML', 'QBXMLMsgsRq']).flatMap(({ markup }) => {
    const opening = requestOpening.exec(markup);
    return opening ? [{ type: opening[1]!, requestId: opening[2]!, markup }] : [];
  });
}

/**
 * Whether a request is the quantity watch's: its change queries read what was modified (FromModifiedDate, also
 * inside ModifiedDateRangeFilter) or deleted since its cursor; the link's reads and writes carry neither.
 */
export const isWatchRequest = (request: MessageRequest): boolean =>
  request.type === 'ListDeletedQueryRq' ||
  request.type === 'TxnDeletedQueryRq' ||
  /<FromModifiedDate>/.test(request.markup);

/** What one side of the sync sent: its qbXML requests, the exchanges and sessions carrying at least one of them. */
export interface SideTally {
  requests: number;
  exchanges: number;
  sessions: number;
  byType: Record<string, number>;
}

/**
 * The link's and the quantity watch's traffic in these sessions, each request classified on its own. An exchange
 * (or session) carrying requests of both counts for both, and `mixedExchanges` says how many did.
 */
export function tallyQbdTraffic(sessions: readonly SessionReport[]): {
  link: SideTally;
  watch: SideTally;
  mixedExchanges: number;
} {
  const empty = (): SideTally => ({ requests: 0, exchanges: 0, sessions: 0, byType: {} });
  const link = empty();
  const watch = empty();
  let mixedExchanges = 0;
  for (const session of sessions) {
    const touched = new Set<SideTally>();
    for (const exchange of session.exchanges) {
      const requests = messageRequests(exchange.request);
      const sides = new Set<SideTally>();
      for (const request of requests) {
        const side = isWatchRequest(request) ? watch : link;
        side.requests += 1;
        side.byType[request.type] = (side.byType[request.type] ?? 0) + 1;
        sides.add(side);
      }
      for (const side of sides) {
        side.exchanges += 1;
        touched.add(side);
      }
      if (sides.size > 1) mixedExchanges += 1;
    }
    for (const side of touched) side.sessions += 1;
  }
  return { link, watch, mixedExchanges };
}
