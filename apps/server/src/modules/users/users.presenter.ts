import type { User } from '@kefu/contracts';
import type { UserRow } from './users.repository.js';

export const presentUser = (u: UserRow, teamIds: string[]): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  locale: u.locale,
  active: u.active,
  away: u.away,
  teamIds,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
});

/** What the audit log keeps of a user: never the password hash. */
export const auditUser = (u: UserRow, teamIds?: string[]) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  locale: u.locale,
  active: u.active,
  away: u.away,
  ...(teamIds ? { teamIds: [...teamIds].sort() } : {}),
});
