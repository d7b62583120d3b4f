import { inArray } from 'drizzle-orm';
import type { CreateUserBody, ListUsersQuery, Page, UpdateMeBody, UpdateUserBody, User } from '@kefu/contracts';
import { createUserBodySchema } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { uniqueOr } from '../../platform/db/errors.js';
import { toPage } from '../../platform/db/pagination.js';
import { AppError, fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { deleteUserSessions, hashPassword, invalidateAuth, verifyPassword, type RequestContext } from '../auth/index.js';
import { teams } from '../teams/teams.tables.js';
import { auditUser, presentUser } from './users.presenter.js';
import { authorizeUsers } from './users.policy.js';
import * as repo from './users.repository.js';

export const emailTaken = () => fieldConflict('email', 'is already used by another account');

async function assertTeamsExist(db: Executor, teamIds: string[]) {
  if (teamIds.length === 0) return;
  const found = await db.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds));
  if (found.length !== new Set(teamIds).size) throw invalidField('teamIds', 'names a team that does not exist');
}

export async function listUsers(deps: AppDeps, ctx: RequestContext, query: ListUsersQuery): Promise<Page<User>> {
  authorizeUsers(ctx.actor, 'list');
  const rows = await repo.listStaff(deps.db, query);
  const teamsOf = await repo.teamIdsByUser(deps.db, rows.map((r) => r.id));
  return toPage(rows, query.limit, (r) => presentUser(r, teamsOf.get(r.id) ?? []));
}

export async function getUser(deps: AppDeps, ctx: RequestContext, id: string): Promise<User> {
  authorizeUsers(ctx.actor, 'read');
  const row = await repo.findStaffUser(deps.db, id);
  if (!row) throw notFound('User');
  const teamsOf = await repo.teamIdsByUser(deps.db, [id]);
  return presentUser(row, teamsOf.get(id) ?? []);
}

export async function createUser(deps: AppDeps, ctx: RequestContext, input: CreateUserBody): Promise<User> {
  authorizeUsers(ctx.actor, 'create');
  const body = createUserBodySchema.parse(input);
  const teamIds = [...new Set(body.teamIds)];
  const passwordHash = await hashPassword(body.password);
  const now = deps.clock.now();
  return uniqueOr('users_email_key', emailTaken, () =>
    deps.db.transaction(async (tx) => {
      await assertTeamsExist(tx, teamIds);
      const row = await repo.insertUser(tx, {
        id: uuidv7(now.getTime()), email: body.email, name: body.name, role: body.role, locale: body.locale,
        passwordHash, createdAt: now, updatedAt: now,
      });
      await repo.setUserTeams(tx, row.id, teamIds);
      await recordAudit(tx, ctx, { action: 'user.created', entityType: 'user', entityId: row.id, after: auditUser(row, teamIds) }, now);
      return presentUser(row, teamIds);
    }),
  );
}

export async function updateUser(deps: AppDeps, ctx: RequestContext, id: string, body: UpdateUserBody): Promise<User> {
  authorizeUsers(ctx.actor, 'update');
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  const now = deps.clock.now();
  return uniqueOr('users_email_key', emailTaken, () =>
    deps.db.transaction(async (tx) => {
      const before = await repo.findStaffUser(tx, id);
      if (!before) throw notFound('User');
      const teamsBefore = (await repo.teamIdsByUser(tx, [id])).get(id) ?? [];
      const losesAdmin = before.role === 'admin' && before.active && (body.active === false || (body.role && body.role !== 'admin'));
      if (losesAdmin && (await repo.countOtherActiveAdmins(tx, id)) === 0) {
        throw new AppError('conflict', 'The last active admin cannot be deactivated or demoted');
      }
      if (body.teamIds) await assertTeamsExist(tx, body.teamIds);
      const { password: _password, teamIds, ...fields } = body;
      const row = await repo.updateUserRow(tx, id, { ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: now });
      if (teamIds) await repo.setUserTeams(tx, id, [...new Set(teamIds)]);
      // Deactivation or a new password ends every session at once, on every instance.
      if (body.active === false || passwordHash) await deleteUserSessions(tx, id);
      // Cached identities carry name, role and locale: every change reaches every instance.
      await invalidateAuth(deps, tx, { userId: id });
      const teamsAfter = teamIds ? [...new Set(teamIds)] : teamsBefore;
      const action = body.active === false && before.active ? 'user.deactivated' : 'user.updated';
      await recordAudit(tx, ctx, {
        action, entityType: 'user', entityId: id,
        before: { ...auditUser(before, teamsBefore), ...(passwordHash ? { passwordChanged: false } : {}) },
        after: { ...auditUser(row, teamsAfter), ...(passwordHash ? { passwordChanged: true } : {}) },
      }, now);
      return presentUser(row, teamsAfter);
    }),
  );
}

/** A signed-in user's own name, language and password. */
export async function updateOwnProfile(deps: AppDeps, ctx: RequestContext, body: UpdateMeBody) {
  const current = await repo.findUser(deps.db, ctx.actor.userId);
  if (!current) throw notFound('User');
  let passwordHash: string | undefined;
  if (body.newPassword) {
    if (!(await verifyPassword(current.passwordHash, body.currentPassword ?? ''))) {
      throw invalidField('currentPassword', 'is incorrect');
    }
    passwordHash = await hashPassword(body.newPassword);
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await repo.updateUserRow(tx, current.id, {
      ...(body.name ? { name: body.name } : {}),
      ...(body.locale ? { locale: body.locale } : {}),
      ...(passwordHash ? { passwordHash } : {}),
      updatedAt: now,
    });
    if (passwordHash) await deleteUserSessions(tx, current.id, ctx.actor.sessionId);
    await invalidateAuth(deps, tx, { userId: current.id });
    await recordAudit(tx, ctx, { action: 'user.profile_updated', entityType: 'user', entityId: current.id, before: auditUser(current), after: { ...auditUser(row), ...(passwordHash ? { passwordChanged: true } : {}) } }, now);
    return row;
  });
}
