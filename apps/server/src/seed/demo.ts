import { eq } from 'drizzle-orm';
import type { AppDeps } from '../platform/context.js';
import type { RequestContext } from '../modules/auth/index.js';
import { createCustomer } from '../modules/customers/index.js';
import { createOrganization } from '../modules/organizations/index.js';
import { createTeam, teams } from '../modules/teams/index.js';
import { createUser } from '../modules/users/index.js';
import { demoOrganizations, demoStaff, demoTeams, generatedCustomer } from './demo-data.js';

export const DEMO_PASSWORD = 'kefu-demo-2026';

/** Loads the demo through the same services the API uses, so it is audited and validated like real data. */
export async function seedDemo(deps: AppDeps, ctx: RequestContext) {
  const existing = await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.name, demoTeams[0]!.name)).limit(1);
  if (existing.length) return { skipped: true as const };
  const teamIds = new Map<string, string>();
  for (const t of demoTeams) teamIds.set(t.name, (await createTeam(deps, ctx, t)).id);
  for (const s of demoStaff) {
    await createUser(deps, ctx, { email: s.email, name: s.name, role: s.role, locale: s.locale, password: DEMO_PASSWORD, teamIds: s.teams.map((n) => teamIds.get(n)!) });
  }
  const orgs = [];
  for (const o of demoOrganizations) orgs.push(await createOrganization(deps, ctx, o));
  for (let i = 0; i < 60; i++) {
    const org = i % 4 === 3 ? null : orgs[i % orgs.length]!;
    const c = generatedCustomer(i, org ? org.domains : ['example.com']);
    await createCustomer(deps, ctx, {
      name: c.name, emails: [c.email], phones: [c.phone], locale: c.locale, organizationId: org?.id ?? null,
      tags: i % 10 === 0 ? ['VIP'] : [], notes: i % 7 === 0 ? '偏好电话联系 / prefers phone calls' : '',
    });
  }
  return { skipped: false as const, teams: demoTeams.length, staff: demoStaff.length, organizations: orgs.length, customers: 60 };
}
