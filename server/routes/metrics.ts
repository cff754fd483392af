import type { FastifyPluginCallback } from 'fastify';
import { registry } from '../../observability/metrics.js';

/** `/metrics`: this process's metrics in the Prometheus text exposition format. */
export const metricsRoute: FastifyPluginCallback = (instance, _options, done) => {
  instance.get('/metrics', { config: { access: 'metrics' } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
  done();
};
