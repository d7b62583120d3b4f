import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTeamBodySchema, idParamsSchema, listTeamsQuerySchema, pageSchema, problemSchema, teamSchema, updateTeamBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { contextOf } from '../auth/index.js';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './teams.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };

export function teamsRoutes(deps: AppDeps) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ['teams'];
    app.get('/teams', { schema: { tags, summary: 'Service teams', querystring: listTeamsQuerySchema, response: { 200: pageSchema(teamSchema), ...errors } } },
      async (request) => listTeams(deps, contextOf(request), request.query));
    app.post('/teams', { schema: { tags, summary: 'Create a team', body: createTeamBodySchema, response: { 201: teamSchema, ...errors } } },
      async (request, reply) => reply.status(201).send(await createTeam(deps, contextOf(request), request.body)));
    app.get('/teams/:id', { schema: { tags, summary: 'One team with its members', params: idParamsSchema, response: { 200: teamSchema, ...errors } } },
      async (request) => getTeam(deps, contextOf(request), request.params.id));
    app.patch('/teams/:id', { schema: { tags, summary: 'Change a team or its members', params: idParamsSchema, body: updateTeamBodySchema, response: { 200: teamSchema, ...errors } } },
      async (request) => updateTeam(deps, contextOf(request), request.params.id, request.body));
    app.delete('/teams/:id', { schema: { tags, summary: 'Delete a team', params: idParamsSchema, response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        await deleteTeam(deps, contextOf(request), request.params.id);
        return reply.status(204).send(null);
      });
  };
}
