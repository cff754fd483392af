import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { escapeXml } from './qbxml.js';

/** The Web Connector service's target namespace; QBWC uses it for every operation and SOAPAction. */
export const qbwcNamespace = 'http://developer.intuit.com/';

/** The Web Connector's SOAP operations, the interactive-mode ones included (emulators/README.md, QuickBooks Desktop). */
export type QbwcOperation =
  | 'serverVersion'
  | 'clientVersion'
  | 'authenticate'
  | 'sendRequestXML'
  | 'receiveResponseXML'
  | 'connectionError'
  | 'getLastError'
  | 'closeConnection'
  | 'getInteractiveURL'
  | 'interactiveDone'
  | 'interactiveRejected';

/** A SOAP 1.1 document/literal request: the wrapper element is the operation, its children the parameters in order. */
export function soapRequestEnvelope(operation: QbwcOperation, parameters: [string, string | number][]): string {
  const body = parameters.map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`).join('');
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body><${operation} xmlns="${qbwcNamespace}">${body}</${operation}></soap:Body></soap:Envelope>`
  );
}

/** A reply QBWC cannot use: not XML, a SOAP fault, or the wrong wrapper or namespace. */
export class SoapReplyError extends Error {}

const replyParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'string',
});

const envelopeSchema = z.object({
  Envelope: z.object({ Body: z.record(z.string(), z.unknown()) }),
});
const resultHolderSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);
const stringArraySchema = z.object({ string: z.array(z.union([z.string(), z.object({})])) }).or(z.literal(''));

function resultOf(operation: QbwcOperation, replyXml: string): unknown {
  let parsed: unknown;
  try {
    parsed = replyParser.parse(replyXml, true);
  } catch (error) {
    throw new SoapReplyError(
      `Response is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const envelope = envelopeSchema.safeParse(parsed);
  if (!envelope.success) throw new SoapReplyError('Response is not a SOAP 1.1 envelope');
  const body = envelope.data.Envelope.Body;
  if ('Fault' in body) throw new SoapReplyError(`SOAP fault: ${JSON.stringify(body.Fault)}`);
  const wrapper = z.record(z.string(), z.unknown()).safeParse(body[`${operation}Response`]);
  if (!wrapper.success) throw new SoapReplyError(`Response has no ${operation}Response element`);
  // The parser drops namespace declarations along with prefixes, so the wrapper's namespace is read from the text.
  const declaration = new RegExp(`<(?:(\\w+):)?${operation}Response\\b[^>]*\\bxmlns(?::(\\w+))?="([^"]*)"`).exec(
    replyXml,
  );
  if (!declaration || declaration[3] !== qbwcNamespace || declaration[1] !== declaration[2])
    throw new SoapReplyError(`${operation}Response is not in the namespace ${qbwcNamespace}`);
  return wrapper.data[`${operation}Result`] ?? '';
}

/** A string result; an absent or empty result element reads as "". */
export function stringResult(operation: QbwcOperation, replyXml: string): string {
  const result = resultHolderSchema.safeParse(resultOf(operation, replyXml));
  if (!result.success || typeof result.data !== 'string')
    throw new SoapReplyError(`${operation}Result is not a string`);
  return result.data;
}

/** receiveResponseXMLResult is an xs:int. */
export function intResult(operation: QbwcOperation, replyXml: string): number {
  const value = stringResult(operation, replyXml).trim();
  if (!/^-?\d+$/.test(value)) throw new SoapReplyError(`${operation}Result "${value}" is not an xs:int`);
  return Number(value);
}

/** authenticateResult is an ArrayOfString: repeated <string> elements, nil or empty ones read as "". */
export function stringArrayResult(operation: QbwcOperation, replyXml: string): string[] {
  const result = stringArraySchema.safeParse(resultOf(operation, replyXml));
  if (!result.success) throw new SoapReplyError(`${operation}Result is not an ArrayOfString`);
  return result.data === '' ? [] : result.data.string.map((value) => (typeof value === 'string' ? value : ''));
}
