import type { CreateTeamBody, Page, Team, UpdateTeamBody } from '@kefu/contracts';
import { api, type QueryParams } from '../../shared/api/client';
import type { EntityOption } from '../../shared/forms/EntitySelect';

export const teamsResource = 'teams';

export const listTeams = (query: QueryParams, signal?: AbortSignal) => api.get<Page<Team>>('/teams', query, signal);
export const getTeam = (id: string) => api.get<Team>(`/teams/${id}`);
export const createTeam = (body: CreateTeamBody) => api.post<Team>('/teams', body);
export const updateTeam = (id: string, body: UpdateTeamBody) => api.patch<Team>(`/teams/${id}`, body);
export const deleteTeam = (id: string) => api.delete(`/teams/${id}`);

const toOption = (team: Team): EntityOption => ({ value: team.id, label: team.name });

export const teamOptions = {
  resource: teamsResource,
  search: async (q: string | undefined, signal: AbortSignal) => (await listTeams({ q, limit: 100 }, signal)).items.map(toOption),
  lookup: async (id: string) => toOption(await getTeam(id)),
};
