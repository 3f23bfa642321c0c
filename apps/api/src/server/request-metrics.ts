import type { FastifyInstance } from 'fastify';
import type { PlatformMetrics } from '@atrium/server';

/**
 * Records every answered request in the metrics: the route template (bounded, never the raw URL), and the
 * project of project routes — except 404s, so requests to made-up projects cannot claim project labels.
 */
export function recordRequestMetrics(fastify: FastifyInstance, metrics: PlatformMetrics): void {
  // Callback style: an async hook costs every response a promise and a microtask turn.
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const params = request.params as { project?: unknown } | undefined;
    const project =
      route.startsWith('/:project') && reply.statusCode !== 404 && typeof params?.project === 'string'
        ? params.project
        : null;
    metrics.observeRequest(request.method, route, reply.statusCode, project, reply.elapsedTime / 1000);
    done();
  });
}
