import { z } from 'zod';
import { escapeXml, isElement, localName, parseXml, XmlSyntaxError, type XmlElement } from './xml.js';

export const soapEnvelopeNamespace = 'http://schemas.xmlsoap.org/soap/envelope/';
const soap12EnvelopeNamespace = 'http://www.w3.org/2003/05/soap-envelope';
/** The Web Connector's namespace, which every operation and parameter element is in. */
export const qbwcNamespace = 'http://developer.intuit.com/';

const text = z.string().optional().default('');
const int = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}$/, 'an integer (xs:int)')
  .transform(Number);

/** The eight operations of the Web Connector's WSDL, each with its parameter elements (all text unless noted). */
export const operationSchemas = {
  serverVersion: z.object({ strVersion: text }),
  clientVersion: z.object({ strVersion: text }),
  authenticate: z.object({ strUserName: text, strPassword: text }),
  sendRequestXML: z.object({
    ticket: text,
    strHCPResponse: text,
    strCompanyFileName: text,
    qbXMLCountry: text,
    qbXMLMajorVers: int,
    qbXMLMinorVers: int,
  }),
  receiveResponseXML: z.object({ ticket: text, response: text, hresult: text, message: text }),
  connectionError: z.object({ ticket: text, hresult: text, message: text }),
  getLastError: z.object({ ticket: text }),
  closeConnection: z.object({ ticket: text }),
};

export type OperationName = keyof typeof operationSchemas;

export type SoapCall = {
  [Name in OperationName]: { operation: Name; params: z.infer<(typeof operationSchemas)[Name]> };
}[OperationName];

/** What an operation answers: text, an int (receiveResponseXML) or a string array (authenticate). */
export type SoapResult = string | number | readonly string[];

/** A request the endpoint cannot act on, answered as a SOAP Fault with this message. */
export class SoapFault extends Error {
  override name = 'SoapFault';
  constructor(
    readonly faultCode: 'Client' | 'Server' | 'VersionMismatch',
    message: string,
  ) {
    super(message);
  }
}

const isOperation = (name: string): name is OperationName => Object.hasOwn(operationSchemas, name);

/** The namespaces declared on an element, added to those in scope around it. */
function scopeOf(element: XmlElement, outer: ReadonlyMap<string, string>): Map<string, string> {
  const scope = new Map(outer);
  for (const [key, value] of Object.entries(element)) {
    if (key === '@_xmlns') scope.set('', String(value));
    else if (key.startsWith('@_xmlns:')) scope.set(key.slice('@_xmlns:'.length), String(value));
  }
  return scope;
}

const namespaceOf = (qualified: string, scope: ReadonlyMap<string, string>) => {
  const colon = qualified.indexOf(':');
  return scope.get(colon < 0 ? '' : qualified.slice(0, colon));
};

/** The one child element of `parent` with this local name; a fault when there is none or several. */
function onlyChild(parent: XmlElement, name: string, where: string): [string, XmlElement] {
  const found = Object.entries(parent).filter(([key]) => !key.startsWith('@_') && localName(key) === name);
  if (found.length !== 1 || Array.isArray(found[0]![1])) {
    throw new SoapFault('Client', `expected exactly one ${name} element in ${where}`);
  }
  const [key, value] = found[0]!;
  return [key, isElement(value) ? value : {}];
}

/** An element's text: a parameter may also arrive as an element with attributes (xsi:type) beside its text. */
const textOf = (value: unknown): unknown => {
  if (typeof value === 'string') return value;
  if (isElement(value)) return typeof value['#text'] === 'string' ? value['#text'] : '';
  return value;
};

/** Reads one Web Connector call from a SOAP 1.1 envelope, or throws a SoapFault saying what is wrong with it. */
export function parseSoapCall(body: string): SoapCall {
  let document: XmlElement;
  try {
    document = parseXml(body, 'The request');
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new SoapFault('Client', err.message);
    throw err;
  }
  const [envelopeKey, envelope] = onlyChild(document, 'Envelope', 'the request');
  const envelopeScope = scopeOf(envelope, new Map());
  const envelopeNamespace = namespaceOf(envelopeKey, envelopeScope);
  if (envelopeNamespace === soap12EnvelopeNamespace) {
    throw new SoapFault('VersionMismatch', 'SOAP 1.2 is not supported; the Web Connector speaks SOAP 1.1');
  }
  if (envelopeNamespace !== soapEnvelopeNamespace) {
    throw new SoapFault('VersionMismatch', `the Envelope must be in the SOAP 1.1 namespace ${soapEnvelopeNamespace}`);
  }
  const [, soapBody] = onlyChild(envelope, 'Body', 'the Envelope');
  const bodyScope = scopeOf(soapBody, envelopeScope);
  const operations = Object.keys(soapBody).filter((key) => !key.startsWith('@_') && key !== '#text');
  if (operations.length !== 1) {
    throw new SoapFault('Client', `the Body must hold exactly one operation element, not ${operations.length}`);
  }
  const operationKey = operations[0]!;
  const operation = localName(operationKey);
  if (!isOperation(operation)) throw new SoapFault('Client', `unknown operation ${operation}`);
  const [, call] = onlyChild(soapBody, operation, 'the Body');
  if (namespaceOf(operationKey, scopeOf(call, bodyScope)) !== qbwcNamespace) {
    throw new SoapFault('Client', `${operation} must be in the namespace ${qbwcNamespace}`);
  }
  const parameters = Object.fromEntries(
    Object.entries(call)
      .filter(([key]) => !key.startsWith('@_') && key !== '#text')
      .map(([key, value]) => [localName(key), textOf(value)]),
  );
  const parsed = operationSchemas[operation].safeParse(parameters);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || operation}: ${issue.message}`);
    throw new SoapFault('Client', `${operation} has invalid parameters: ${problems.join('; ')}`);
  }
  return { operation, params: parsed.data } as SoapCall;
}

const envelope = (content: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="${soapEnvelopeNamespace}"><soap:Body>${content}</soap:Body></soap:Envelope>`;

/** The envelope answering an operation: `<op>Response><op>Result>`, an array as repeated `<string>` elements. */
export function soapResponse(operation: OperationName, result: SoapResult): string {
  const value =
    typeof result === 'object'
      ? result.map((item) => `<string>${escapeXml(item)}</string>`).join('')
      : escapeXml(String(result));
  return envelope(
    `<${operation}Response xmlns="${qbwcNamespace}"><${operation}Result>${value}</${operation}Result></${operation}Response>`,
  );
}

export function soapFault(fault: SoapFault): string {
  return envelope(
    `<soap:Fault><faultcode>soap:${fault.faultCode}</faultcode><faultstring>${escapeXml(fault.message)}</faultstring></soap:Fault>`,
  );
}
