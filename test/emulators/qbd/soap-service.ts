import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { escapeXml } from '../../../emulators/qbd/qbxml.js';

export interface ReceivedCall {
  operation: string;
  soapAction: string | undefined;
  namespace: string | undefined;
  parameters: Record<string, string>;
  /** The envelope as it arrived. */
  envelope: string;
}

/** How the test service answers; each field may be changed between sessions. */
export interface ServiceScript {
  authenticate: string[];
  /** qbXML requests handed out one per sendRequestXML; "" when empty. */
  queue: string[];
  /** getLastError answers these in turn, repeating the last. */
  getLastError: string[];
  /** When set, receiveResponseXML answers this instead of the percentage done. */
  receiveResult?: number;
  /** Operations answered with a SOAP fault. */
  faultOn: string[];
  clientVersion: string;
  /** Operations the service answers only after this many real milliseconds. */
  slowOn: Record<string, number>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
});

/** A minimal Web Connector service for the simulator to poll: a queue of requests and a log of what it received. */
export async function startSoapService(script: Partial<ServiceScript> = {}) {
  const state: ServiceScript = {
    authenticate: ['ticket-1', ''],
    queue: [],
    getLastError: ['NoOp'],
    faultOn: [],
    clientVersion: '',
    slowOn: {},
    ...script,
  };
  const received: ReceivedCall[] = [];
  let total = 0;
  let done = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const envelope = parser.parse(body) as { Envelope: { Body: Record<string, Record<string, string>> } };
      const [operation = '', parameters = {}] = Object.entries(envelope.Envelope.Body)[0] ?? [];
      // The parser drops namespace declarations, so the operation's namespace is read from the text.
      const namespace = new RegExp(`<${operation} xmlns="([^"]*)"`).exec(body)?.[1];
      const soapAction = request.headers.soapaction as string | undefined;
      received.push({ operation, soapAction, namespace, parameters, envelope: body });
      const reply = (inner: string) =>
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
          response.end(
            `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${operation}Response xmlns="http://developer.intuit.com/">${inner}</${operation}Response></soap:Body></soap:Envelope>`,
          );
        }, state.slowOn[operation] ?? 0);
      const result = (value: string | number) =>
        reply(`<${operation}Result>${escapeXml(String(value))}</${operation}Result>`);
      if (state.faultOn.includes(operation)) {
        response.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' });
        response.end(
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring></soap:Fault></soap:Body></soap:Envelope>',
        );
        return;
      }
      switch (operation) {
        case 'authenticate':
          total = state.queue.length;
          done = 0;
          return reply(
            `<authenticateResult>${state.authenticate.map((s) => `<string>${escapeXml(s)}</string>`).join('')}</authenticateResult>`,
          );
        case 'sendRequestXML':
          return result(state.queue.shift() ?? '');
        case 'receiveResponseXML':
          done += 1;
          return result(
            state.receiveResult ?? (state.queue.length === 0 ? 100 : Math.floor((done * 100) / Math.max(total, 1))),
          );
        case 'getLastError':
          return result((state.getLastError.length > 1 ? state.getLastError.shift() : state.getLastError[0]) ?? '');
        case 'closeConnection':
          return result('OK');
        case 'connectionError':
          return result('done');
        case 'clientVersion':
          return result(state.clientVersion);
        default:
          return result('');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/qbwc`,
    state,
    received,
    operations: () => received.map((call) => call.operation),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
