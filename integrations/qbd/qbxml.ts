import { z } from 'zod';
import type { QbdAnswer, QbdRequest } from './storage/queue.js';
import { childElementMarkup, escapeXml, isElement, parseXml, unescapeXml, XmlSyntaxError } from './xml.js';

/** The qbXML version every request is written in (QuickBooks 2014 and later read it). */
export const qbxmlVersion = { major: 13, minor: 0 } as const;

/** A request element's name, e.g. `ItemInventoryQueryRq`. */
export const requestTypeSchema = z.string().regex(/^[A-Z][A-Za-z]{1,60}Rq$/, 'a qbXML request element name (…Rq)');

type QueuedRequestFields = Pick<QbdRequest, 'requestId' | 'requestType' | 'body' | 'iterator' | 'iteratorId'>;

/** One request element, carrying its requestID (and an iterator's state) as attributes. */
function requestElement(request: QueuedRequestFields): string {
  const type = requestTypeSchema.parse(request.requestType);
  const iterator =
    request.iterator === null
      ? ''
      : ` iterator="${request.iterator}"${request.iteratorId === null ? '' : ` iteratorID="${escapeXml(request.iteratorId)}"`}`;
  return `<${type} requestID="${escapeXml(request.requestId)}"${iterator}>${request.body}</${type}>`;
}

const qbxmlDocument = (onError: 'stopOnError' | 'continueOnError', requests: string) =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<?qbxml version="${qbxmlVersion.major}.${qbxmlVersion.minor}"?>`,
    `<QBXML><QBXMLMsgsRq onError="${onError}">${requests}</QBXMLMsgsRq></QBXML>`,
  ].join('\n');

/** The qbXML document for one request, as a sync step's operation writes it (the work queue takes it apart). */
export const qbxmlRequestDocument = (request: QueuedRequestFields): string =>
  qbxmlDocument('stopOnError', requestElement(request));

/**
 * The qbXML document the Web Connector carries for several queued requests, in queue order. QuickBooks runs them in
 * that order and answers each with its requestID; `continueOnError` runs every one whatever the others answer, so each
 * request fares as it would in an exchange of its own.
 */
export function qbxmlMessageDocument(requests: readonly QueuedRequestFields[]): string {
  if (requests.length === 0) throw new RangeError('a qbXML message holds at least one request');
  return qbxmlDocument('continueOnError', requests.map(requestElement).join(''));
}

/**
 * The most requests one message carries. Every answer but a wide one's (below) is one record or the few records its
 * request names, a few kilobytes, so 25 of them stay far under the endpoint's 4 MiB body limit; and a settle read
 * waits behind at most 24 others in QuickBooks, not behind as many Web Connector round trips.
 */
export const maxRequestsPerMessage = 25;

/**
 * Whether the request's answer may be as large as a whole page: an iterator's page (its MaxReturned was sized to fit
 * the endpoint's body limit alone) or a deleted-records query over everything QuickBooks keeps deleted (no iterator,
 * no MaxReturned). Such a request goes in a message of its own. A deleted-records query from a date holds the
 * deletions since then (the change watch's: those of one poll interval, a few hundred bytes each), and a query
 * without an iterator at most its MaxReturned records, so they share messages (docs/adr/0018-qbd-change-reads-together.md).
 */
export const answersWide = (request: Pick<QbdRequest, 'requestType' | 'iterator' | 'body'>): boolean =>
  request.iterator !== null ||
  ((request.requestType === 'ListDeletedQueryRq' || request.requestType === 'TxnDeletedQueryRq') &&
    !request.body.includes('<FromDeletedDate>'));

const requestDocumentPattern =
  /^<\?xml version="1\.0" encoding="utf-8"\?>\n<\?qbxml version="(\d+)\.(\d+)"\?>\n<QBXML><QBXMLMsgsRq onError="stopOnError"><([A-Za-z]+Rq) requestID="[^"]*"(?: iterator="(Start|Continue)")?(?: iteratorID="([^"]*)")?>([\s\S]*)<\/\3><\/QBXMLMsgsRq><\/QBXML>$/;

/**
 * The request a document written by `qbxmlRequestDocument` carries, without its requestID (the work queue gives each
 * request its own); throws for any other document, so nothing but one well-formed request is ever queued.
 */
export function qbxmlRequestOf(document: string): Pick<QbdRequest, 'requestType' | 'body' | 'iterator' | 'iteratorId'> {
  const match = requestDocumentPattern.exec(document);
  if (!match || Number(match[1]) !== qbxmlVersion.major || Number(match[2]) !== qbxmlVersion.minor) {
    throw new RangeError('not a single-request qbXML document as qbxmlRequestDocument writes it');
  }
  const [, , , requestType, iterator, iteratorId, body] = match as unknown as [
    string,
    string,
    string,
    string,
    'Start' | 'Continue' | undefined,
    string | undefined,
    string,
  ];
  checkRequestBody(body);
  return {
    requestType,
    body,
    iterator: iterator ?? null,
    iteratorId: iteratorId === undefined ? null : unescapeXml(iteratorId),
  };
}

/** Checks a request body is well-formed qbXML content before it is queued, so QuickBooks never gets a broken one. */
export function checkRequestBody(body: string): void {
  parseXml(`<Rq>${body}</Rq>`, 'The request body');
}

const int = z
  .string()
  .regex(/^-?\d+$/, 'an integer')
  .transform(Number);
const answerAttributes = z.object({
  '@_requestID': z.string().min(1, 'a requestID'),
  '@_statusCode': int,
  '@_statusSeverity': z.string().min(1),
  '@_statusMessage': z.string().optional(),
  '@_iteratorRemainingCount': int.optional(),
  '@_iteratorID': z.string().optional(),
});

export class QbxmlResponseError extends Error {
  override name = 'QbxmlResponseError';
}

/** Every `…Rs` element of a qbXML response, in document order; throws when the response holds none. */
export function qbxmlResponseMessages(response: string): { name: string; element: unknown }[] {
  let document;
  try {
    document = parseXml(response, 'The qbXML response');
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new QbxmlResponseError(err.message);
    throw err;
  }
  const messages = isElement(document.QBXML) ? document.QBXML.QBXMLMsgsRs : undefined;
  if (!isElement(messages)) throw new QbxmlResponseError('the qbXML response has no QBXML/QBXMLMsgsRs element');
  const answers = Object.entries(messages)
    .filter(([name]) => name.endsWith('Rs'))
    .flatMap(([name, value]) => [value].flat().map((element: unknown) => ({ name, element })));
  if (answers.length === 0) throw new QbxmlResponseError('the qbXML response answers no request');
  return answers;
}

/** The requestID and status attributes of one `…Rs` element; throws when they are missing or malformed. */
export function readQbxmlAnswer(name: string, element: unknown): QbdAnswer {
  const parsed = answerAttributes.safeParse(element);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? name)}: ${issue.message}`);
    throw new QbxmlResponseError(`${name} cannot be matched to a request: ${problems.join('; ')}`);
  }
  const a = parsed.data;
  return {
    requestId: a['@_requestID'],
    statusCode: a['@_statusCode'],
    statusSeverity: a['@_statusSeverity'],
    statusMessage: a['@_statusMessage'] ?? null,
    iteratorId: a['@_iteratorID'] ?? null,
    iteratorRemainingCount: a['@_iteratorRemainingCount'] ?? null,
  };
}

/** Every `…Rs` element of a qbXML response, with the requestID each answers; throws when one cannot be matched. */
export function parseQbxmlAnswers(response: string): QbdAnswer[] {
  return qbxmlResponseMessages(response).map(({ name, element }) => readQbxmlAnswer(name, element));
}

/**
 * Each `…Rs` of a (several-request) qbXML response as a response document of its own, with the answer it holds, in
 * document order: a step reads the answer to its request alone, as if it had had an exchange of its own. Throws as
 * `parseQbxmlAnswers` does.
 */
export function qbxmlAnswerDocuments(response: string): { answer: QbdAnswer; document: string }[] {
  parseQbxmlAnswers(response);
  return childElementMarkup(response, ['QBXML', 'QBXMLMsgsRs'])
    .filter(({ name }) => name.endsWith('Rs'))
    .map(({ markup }) => {
      const document = `<?xml version="1.0" encoding="utf-8"?>\n<QBXML><QBXMLMsgsRs>${markup}</QBXMLMsgsRs></QBXML>`;
      return { answer: parseQbxmlAnswers(document)[0]!, document };
    });
}
