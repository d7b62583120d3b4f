import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notificationPreferencesSchema, problemSchema, updateNotificationPreferencesBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { getNotificationPreferences, updateNotificationPreferences } from './notification-preferences.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function notificationPreferencesRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['notifications'];
    app.get('/me/notification-preferences', {
      schema: { tags, summary: 'How you want to hear about each kind of notification: in the app, by email', response: { 200: notificationPreferencesSchema, ...errors } },
    }, async (request) => getNotificationPreferences(deps, contextOf(request)));
    app.put('/me/notification-preferences', {
      schema: {
        tags,
        summary: 'Set your notification preferences for the listed kinds (the others keep theirs)',
        body: updateNotificationPreferencesBodySchema,
        response: { 200: notificationPreferencesSchema, ...errors },
      },
    }, async (request) => updateNotificationPreferences(deps, contextOf(request), request.body));
  };
}
