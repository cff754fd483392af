import type { FastifyPluginCallback } from 'fastify';
import { renderMetrics } from '../../observability/metrics.js';

/** `/metrics`: this process's counters in the Prometheus text exposition format. */
export const metricsRoute: FastifyPluginCallback = (instance, _options, done) => {
  instance.get('/metrics', { config: { access: 'metrics' } }, (_request, reply) => {
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(renderMetrics());
  });
  done();
};
