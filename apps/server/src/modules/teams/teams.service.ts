import type { CreateTeamBody, Page, PageQuery, Team, UpdateTeamBody } from '@kefu/contracts';
import { createTeamBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { toPage } from '../../platform/db/pagination.js';
import { fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { authorizeTeams } from './teams.policy.js';
import * as repo from './teams.repository.js';

const present = (t: repo.TeamRow, memberIds: string[]): Team => ({
  id: t.id,
  name: t.name,
  description: t.description,
  assignmentMode: t.assignmentMode,
  memberIds,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});
const snapshot = (t: repo.TeamRow, memberIds: string[]) => ({
  name: t.name, description: t.description, assignmentMode: t.assignmentMode, memberIds: [...memberIds].sort(),
});

const nameTaken = () => fieldConflict('name', 'is already used by another team');

async function assertStaff(db: Executor, memberIds: string[]) {
  if ((await repo.countStaff(db, memberIds)) !== memberIds.length) {
    throw invalidField('memberIds', 'names someone who is not a staff user');
  }
}

export async function listTeams(deps: AppDeps, ctx: RequestContext, query: PageQuery): Promise<Page<Team>> {
  authorizeTeams(ctx.actor, 'list');
  const rows = await repo.listTeams(deps.db, query);
  const members = await repo.memberIdsByTeam(deps.db, rows.map((r) => r.id));
  return toPage(rows, query.limit, (r) => present(r, members.get(r.id) ?? []));
}

export async function getTeam(deps: AppDeps, ctx: RequestContext, id: string): Promise<Team> {
  authorizeTeams(ctx.actor, 'read');
  const row = await repo.findTeam(deps.db, id);
  if (!row) throw notFound('Team');
  return present(row, (await repo.memberIdsByTeam(deps.db, [id])).get(id) ?? []);
}

export async function createTeam(deps: AppDeps, ctx: RequestContext, input: CreateTeamBody): Promise<Team> {
  authorizeTeams(ctx.actor, 'create');
  const body = createTeamBodySchema.parse(input);
  const memberIds = [...new Set(body.memberIds)];
  const now = deps.clock.now();
  return uniqueOr('teams_name_key', nameTaken, () =>
    deps.db.transaction(async (tx) => {
      await assertStaff(tx, memberIds);
      const row = await repo.insertTeam(tx, { id: uuidv7(now.getTime()), name: body.name, description: body.description, assignmentMode: body.assignmentMode, createdAt: now, updatedAt: now });
      await repo.setMembers(tx, row.id, memberIds);
      await recordAudit(tx, ctx, { action: 'team.created', entityType: 'team', entityId: row.id, after: snapshot(row, memberIds) }, now);
      return present(row, memberIds);
    }),
  );
}

export async function updateTeam(deps: AppDeps, ctx: RequestContext, id: string, body: UpdateTeamBody): Promise<Team> {
  authorizeTeams(ctx.actor, 'update');
  const now = deps.clock.now();
  return uniqueOr('teams_name_key', nameTaken, () =>
    deps.db.transaction(async (tx) => {
      const before = await repo.findTeam(tx, id);
      if (!before) throw notFound('Team');
      const membersBefore = (await repo.memberIdsByTeam(tx, [id])).get(id) ?? [];
      const { memberIds: requested, ...fields } = body;
      const memberIds = requested ? [...new Set(requested)] : membersBefore;
      if (requested) {
        await assertStaff(tx, memberIds);
        await repo.setMembers(tx, id, memberIds);
      }
      const row = await repo.updateTeamRow(tx, id, { ...fields, updatedAt: now });
      await recordAudit(tx, ctx, { action: 'team.updated', entityType: 'team', entityId: id, before: snapshot(before, membersBefore), after: snapshot(row, memberIds) }, now);
      return present(row, memberIds);
    }),
  );
}

export async function deleteTeam(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeTeams(ctx.actor, 'delete');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await repo.findTeam(tx, id);
    if (!before) throw notFound('Team');
    const members = (await repo.memberIdsByTeam(tx, [id])).get(id) ?? [];
    await repo.deleteTeamRow(tx, id);
    await recordAudit(tx, ctx, { action: 'team.deleted', entityType: 'team', entityId: id, before: snapshot(before, members) }, now);
  });
}
