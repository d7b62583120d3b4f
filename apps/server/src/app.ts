import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { limits } from '@kefu/contracts';
import type { Config } from './config.js';
import type { Clock } from './platform/clock.js';
import type { AppDeps } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import { registerProblemHandlers } from './platform/http/problem.js';
import { registerWeb } from './platform/http/web.js';
import { openJobQueue } from './platform/jobs/index.js';
import { openRealtimeBus } from './platform/realtime/bus.js';
import { attachmentsRoutes, defineAttachmentJobs } from './modules/attachments/index.js';
import { openBlobStore } from './platform/storage/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { cannedResponsesRoutes } from './modules/canned-responses/index.js';
import { authRoutes, registerAuthentication } from './modules/auth/index.js';
import { customersRoutes } from './modules/customers/index.js';
import { customFieldsRoutes } from './modules/custom-fields/index.js';
import { liveRoutes } from './modules/live/index.js';
import { opsRoutes, registerMetrics } from './modules/ops/index.js';
import { organizationsRoutes } from './modules/organizations/index.js';
import { teamsRoutes } from './modules/teams/index.js';
import { defineSlaJobs, defineTicketJobs, followUpsRoutes, ticketsRoutes, ticketsUseCustomField } from './modules/tickets/index.js';
import { ticketToolsRoutes } from './modules/tickets/index.js';
import { savedViewsRoutes } from './modules/saved-views/index.js';
import { businessCalendarsRoutes, slaPoliciesRoutes } from './modules/sla/index.js';
import { tokensRoutes } from './modules/tokens/index.js';
import { usersRoutes } from './modules/users/index.js';
import { defineNotificationJobs, notificationPreferencesRoutes } from './modules/notifications/index.js';
import { outboxRoutes } from './modules/outbox/index.js';
import { customerAccountsRoutes, defineAccountMailJobs } from './modules/auth/index.js';
import { portalSettingsRoutes } from './modules/portal-settings/index.js';
import { reportsRoutes } from './modules/reports/index.js';
import { registerMailOutbound } from './modules/mail/mail-outbound.js';
import { defineMailInboundJobs, mailRoutes } from './modules/mail/index.js';
import { kbRoutes } from './modules/kb/index.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock: Clock;
  logger?: boolean | object;
}

export interface KefuApp {
  app: FastifyInstance;
  deps: AppDeps;
  state: { shuttingDown: boolean };
}

/** The web app bundle: KEFU_WEB_DIR, else the workspace's apps/web/dist. */
function webDir(config: Config): string | undefined {
  if (config.webDir) return config.webDir;
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [path.resolve(here, '../../web/dist'), path.resolve(here, '../../../apps/web/dist')].find((d) => fs.existsSync(d));
}

/** One log line per request instead of Fastify's two: logging was a tenth of a request's cost. */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) request.log.error({ ...line, err: error }, 'request failed');
    else request.log.info(line, 'request');
  }
}

/** Builds the HTTP application: plugins, error handling, authentication, then each module's routes. */
export async function buildApp({ config, database, clock, logger }: BuildOptions): Promise<KefuApp> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: limits.bodyBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    return503OnClosing: true,
    logController: new OneLinePerRequest(),
  });
  // The API speaks JSON only: a text/plain body is a CORS "simple request" a foreign page can send.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const realtime = openRealtimeBus(database);
  const jobs = await openJobQueue(database, { log: app.log, clock });
  // Jobs stop first (they may still write and announce), then the bus.
  app.addHook('onClose', async () => {
    await jobs.stop(config.shutdownGraceMs);
    await realtime.close();
  });
  const deps: AppDeps = { database, db: database.db, clock, config, log: app.log, realtime, jobs };
  defineTicketJobs(deps);
  defineSlaJobs(deps);
  defineNotificationJobs(deps);
  defineAccountMailJobs(deps);
  // One store for uploads, downloads and the stale-upload sweep (an S3 store keeps a connection pool).
  const blobs = openBlobStore(config);
  defineAttachmentJobs(deps, blobs);
  registerMailOutbound(deps, blobs);
  defineMailInboundJobs(deps, blobs);
  const state = { shuttingDown: false };

  registerProblemHandlers(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kefu API', version: '1.0.0', description: 'Kefu 客服 — customer service management system' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  const registry = registerMetrics(app);
  await registerAuthentication(app, deps);

  await app.register(opsRoutes(deps, registry, state));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(
    async (api) => {
      await api.register(authRoutes(deps));
      await api.register(usersRoutes(deps));
      await api.register(teamsRoutes(deps));
      await api.register(organizationsRoutes(deps));
      await api.register(customersRoutes(deps));
      await api.register(tokensRoutes(deps));
      await api.register(auditRoutes(deps));
      await api.register(liveRoutes(deps));
      await api.register(ticketsRoutes(deps));
      await api.register(followUpsRoutes(deps));
      await api.register(customFieldsRoutes({ ...deps, isFieldInUse: ticketsUseCustomField }));
      await api.register(cannedResponsesRoutes(deps));
      await api.register(attachmentsRoutes(deps, blobs));
      await api.register(ticketToolsRoutes(deps));
      await api.register(savedViewsRoutes(deps));
      await api.register(businessCalendarsRoutes(deps));
      await api.register(slaPoliciesRoutes(deps));
      await api.register(outboxRoutes(deps));
      await api.register(customerAccountsRoutes(deps));
      await api.register(portalSettingsRoutes(deps));
      await api.register(notificationPreferencesRoutes(deps));
      await api.register(reportsRoutes(deps));
      await api.register(mailRoutes(deps, blobs));
      await api.register(kbRoutes(deps, blobs));
    },
    { prefix: '/api/v1' },
  );
  await registerWeb(app, webDir(config));
  return { app, deps, state };
}
