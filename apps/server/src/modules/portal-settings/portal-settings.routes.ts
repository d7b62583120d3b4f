import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { portalAccountSchema, portalSettingsSchema, problemSchema, updatePortalSettingsBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { notFound } from '../../platform/http/app-error.js';
import { contextOf } from '../auth/index.js';
import { getPortalAccount, getPortalLogo, getPortalSettings, portalSettingsCache, updatePortalSettings } from './portal-settings.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function portalSettingsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    await portalSettingsCache.listen(deps.db, deps.realtime);
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['portal'];

    app.get('/portal/settings', {
      schema: { tags, summary: 'The portal\'s name, logo, colour, languages and sign-up rules (public)', security: [], response: { 200: portalSettingsSchema } },
    }, async () => getPortalSettings(deps));

    app.put('/portal/settings', {
      schema: { tags, summary: 'Change the portal\'s branding and sign-up rules (admins only)', body: updatePortalSettingsBodySchema, response: { 200: portalSettingsSchema, ...errors } },
    }, async (request) => updatePortalSettings(deps, contextOf(request), request.body));

    app.get('/portal/logo', {
      schema: { tags, summary: 'The portal\'s logo image (public)', security: [], querystring: z.object({ v: z.string().max(64).optional() }).strict(), response: { 200: z.unknown().describe("The logo's bytes"), 404: problemSchema } },
    }, async (request, reply) => {
      const logo = await getPortalLogo(deps);
      if (!logo) throw notFound('Logo');
      // A sanitized SVG still gets a policy that forbids script and outside loads, should anyone open it directly.
      reply
        .header('content-type', logo.type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('cache-control', request.query.v ? 'public, max-age=31536000, immutable' : 'no-cache')
        .header('etag', `"${logo.hash.slice(0, 32)}"`);
      return reply.send(logo.bytes);
    });

    app.get('/portal/account', {
      schema: { tags, summary: 'The signed-in customer\'s record and organization (whether it shares requests)', response: { 200: portalAccountSchema, ...errors } },
    }, async (request) => getPortalAccount(deps, contextOf(request)));
  };
}
