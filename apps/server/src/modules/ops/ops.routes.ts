import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { AppDeps } from '../../platform/context.js';
import { sendProblem } from '../../platform/http/problem.js';

/** Liveness, readiness and metrics for operators and load balancers; none needs a session. */
export function opsRoutes(deps: AppDeps, registry: Registry, state: { shuttingDown: boolean }) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
      if (state.shuttingDown) return sendProblem(reply, 'unavailable', 'Shutting down');
      try {
        await deps.database.ping();
        return { status: 'ready', database: deps.database.driver };
      } catch {
        return sendProblem(reply, 'unavailable', 'Database unreachable');
      }
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(registry.contentType).send(await registry.metrics()),
    );
  };
}
