import { useQuery } from '@tanstack/react-query';
import type { Team } from '@kefu/contracts';
import { listTeams, teamsResource } from '../api';

/**
 * All teams by id, for showing team names beside users. Teams are few (departments), so one page
 * of the maximum size covers them.
 */
export function useTeamDirectory() {
  const query = useQuery({
    queryKey: [teamsResource, 'directory'],
    queryFn: ({ signal }) => listTeams({ limit: 100 }, signal),
    staleTime: 60_000,
  });
  const byId = new Map<string, Team>((query.data?.items ?? []).map((team) => [team.id, team]));
  return { byId, teams: query.data?.items ?? [], query };
}
