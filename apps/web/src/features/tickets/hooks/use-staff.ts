import { useQuery } from '@tanstack/react-query';
import type { User } from '@kefu/contracts';
import { listUsers, usersResource } from '../../users/api';

/** Pages fetched for the directory: 500 staff cover a large service centre. */
const MAX_PAGES = 5;

async function allStaff(signal: AbortSignal) {
  const out: User[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await listUsers({ limit: 100, cursor }, signal);
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/**
 * Every staff account by id, for showing assignee and owner names: tickets carry ids only (see
 * CONTRACT-REQUESTS.md). Inactive accounts stay in, so old tickets still name their owner.
 */
export function useStaffDirectory() {
  const query = useQuery({ queryKey: [usersResource, 'directory'], queryFn: ({ signal }) => allStaff(signal), staleTime: 5 * 60_000 });
  const staff = query.data ?? [];
  const byId = new Map(staff.map((u) => [u.id, u]));
  return { staff, byId, nameOf: (id: string | null | undefined) => (id ? byId.get(id)?.name : undefined), query };
}

/** Active staff of one team (who may own its tickets), or all active staff when there is no team. */
export function useAssignableStaff(teamId: string | null | undefined) {
  return useQuery({
    queryKey: [usersResource, 'assignable', teamId ?? null],
    queryFn: ({ signal }) => listUsers({ teamId: teamId ?? undefined, active: 'true', limit: 100 }, signal),
    staleTime: 60_000,
    select: (page) => page.items.filter((u) => u.role !== 'customer'),
  });
}
