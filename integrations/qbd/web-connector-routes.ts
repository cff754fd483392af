import type { FastifyError, FastifyPluginCallback, FastifyReply } from 'fastify';
import { publicBaseUrl } from '../../config/public-url.js';
import { acceptRawBodies } from '../../security/raw-body.js';
import { routeAccess } from '../../security/route-access.js';
import type { SystemRoutes } from '../system-routes.js';
import { parseSoapCall, soapFault, SoapFault, soapResponse } from './soap.js';
import { webConnector, type WebConnectorDeps } from './web-connector.js';
import { webConnectorWsdl } from './wsdl.js';

const soapContentType = 'text/xml; charset=utf-8';

// A qbXML answer to one request: iterators keep each page small, so a larger body is refused rather than parsed.
const bodyLimitBytes = 4 * 1024 * 1024;

// SOAP 1.1 answers a fault with 500; a fault caused by the request is answered 400 instead, so the service's 5xx
// answers keep meaning that it failed.
const sendFault = (reply: FastifyReply, fault: SoapFault, status = fault.faultCode === 'Server' ? 500 : 400) =>
  reply.code(status).type(soapContentType).send(soapFault(fault));

/**
 * `POST /qbwc`: the QuickBooks Web Connector's SOAP endpoint (the AppURL of every connection's .qwc file); the body
 * carries the credentials, so its access is 'webhook'. `GET /qbwc?wsdl` serves the WSDL; a plain GET answers empty,
 * as the Web Connector probes the AppURL.
 */
export function qbwcRoutes(deps: WebConnectorDeps & { endpointUrl: string }): FastifyPluginCallback {
  const handle = webConnector(deps);
  return (instance, _options, done) => {
    instance.get('/qbwc', { config: { access: 'public' } }, (request, reply) => {
      if (!Object.hasOwn(request.query as object, 'wsdl')) return reply.code(200).send('');
      return reply.type(soapContentType).send(webConnectorWsdl(deps.endpointUrl));
    });
    void instance.register((soap, _soapOptions, registered) => {
      routeAccess(soap, 'webhook');
      acceptRawBodies(soap);
      soap.setErrorHandler((error: FastifyError, request, reply) => {
        if (error.statusCode === 413) {
          request.log.warn({ limit: bodyLimitBytes }, 'Web Connector request refused: too large');
          const fault = new SoapFault('Client', `the request is larger than ${bodyLimitBytes} bytes`);
          return sendFault(reply, fault, 413);
        }
        if (error.statusCode !== undefined && error.statusCode < 500) {
          request.log.warn({ fault: error.message }, 'Web Connector request refused');
          return sendFault(reply, new SoapFault('Client', error.message), error.statusCode);
        }
        request.log.error({ err: error }, 'Web Connector request failed');
        return sendFault(reply, new SoapFault('Server', 'the service failed to process the call; retry later'));
      });
      soap.post('/qbwc', { bodyLimit: bodyLimitBytes }, async (request, reply) => {
        const body = request.body instanceof Buffer ? request.body.toString('utf8') : '';
        let call;
        try {
          call = parseSoapCall(body);
        } catch (err) {
          if (!(err instanceof SoapFault)) throw err;
          request.log.warn({ fault: err.message }, 'Web Connector request refused: malformed SOAP');
          return sendFault(reply, err);
        }
        const result = await handle(call, request.log);
        return reply.type(soapContentType).send(soapResponse(call.operation, result));
      });
      registered();
    });
    done();
  };
}

/** QuickBooks Desktop's routes, as the server mounts them: the Web Connector's endpoint at PUBLIC_BASE_URL's /qbwc. */
export const webConnectorSystemRoutes: SystemRoutes = (deps) =>
  qbwcRoutes({
    store: deps.store,
    queue: deps.store.qbdQueue,
    endpointUrl: `${publicBaseUrl(deps.env)}/qbwc`,
  });
