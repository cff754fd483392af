/**
 * The QuickBooks Web Connector's SOAP calls as it sends them (SOAP 1.1, the operation element in Intuit's namespace),
 * for tests that play the Web Connector call by call.
 */
import assert from 'node:assert/strict';

export const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A call as the Web Connector sends it: SOAP 1.1, the operation element in Intuit's namespace. */
export const envelope = (operation: string, params: Record<string, string | number>) =>
  `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body>
    <${operation} xmlns="http://developer.intuit.com/">${Object.entries(params)
      .map(([name, value]) => `<${name}>${escape(String(value))}</${name}>`)
      .join('')}</${operation}>
  </soap:Body>
</soap:Envelope>`;

export async function post(url: string, body: string) {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
  return { status: answer.status, body: await answer.text() };
}

/** Calls an operation and reads its result: text, or the `<string>` items of an array. */
export async function call(url: string, operation: string, params: Record<string, string | number> = {}) {
  const answer = await post(url, envelope(operation, params));
  assert.equal(answer.status, 200, answer.body);
  const result = new RegExp(`<${operation}Result>([\\s\\S]*)</${operation}Result>`).exec(answer.body)?.[1] ?? '';
  return {
    text: unescape(result),
    strings: [...result.matchAll(/<string>([\s\S]*?)<\/string>/g)].map((m) => unescape(m[1]!)),
  };
}

/** sendRequestXML: the qbXML request document the service hands QuickBooks ('' when it has none). */
export const send = async (url: string, ticket: string) =>
  (
    await call(url, 'sendRequestXML', {
      ticket,
      strHCPResponse: '',
      strCompanyFileName: 'C:\\Company.QBW',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    })
  ).text;

export const requestIdOf = (qbxml: string) => /requestID="([^"]+)"/.exec(qbxml)?.[1] ?? '';

/** Every requestID of a qbXML request or response document, in document order. */
export const requestIdsOf = (qbxml: string) => [...qbxml.matchAll(/requestID="([^"]+)"/g)].map((m) => m[1]!);

/** receiveResponseXML: the percent done the service answers. */
export const receive = async (url: string, ticket: string, response: string, hresult = '', message = '') =>
  Number((await call(url, 'receiveResponseXML', { ticket, response, hresult, message })).text);

/** authenticate: the ticket and the company file (or `none`, `nvu`). */
export const authenticate = async (url: string, user: string, pass: string) =>
  (await call(url, 'authenticate', { strUserName: user, strPassword: pass })).strings;
