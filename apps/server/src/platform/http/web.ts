import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

/**
 * Serves the built web app; any other GET outside /api answers index.html so client-side routes
 * survive a reload. Hashed assets are cached for a year, index.html never.
 */
export async function registerWeb(app: FastifyInstance, dir: string | undefined) {
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    app.log.warn({ dir }, 'web app not built; serving the API only (run npm run build)');
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    setHeaders: (res, filePath) => {
      res.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) return sendProblem(reply, 'route_not_found', `No route GET ${request.url.split('?')[0]}`);
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
