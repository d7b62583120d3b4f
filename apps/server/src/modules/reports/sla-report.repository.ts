/*
 * The SLA attainment report in one statement over `tickets.sla` (modules/sla/sla-clock.ts): the
 * targets are unnested (jsonb_array_elements) and judged, then grouped with a grand total
 * (GROUPING SETS), so the database does the counting and the percentiles on both engines.
 *
 * How a target is judged:
 * - met: `metAt` set and never breached (`breachedAt` null);
 * - breached: `breachedAt` set (the breach timer stamps it; so does a late meet), or a calendar-time
 *   target still running whose used minutes plus the wall time since `runningSince` reached its
 *   size. A running business-time target cannot be measured in SQL (the calendar lives in code);
 *   it counts as breached once its breach timer has stamped it, seconds after the due instant;
 * - next response: its completed cycles (`cycles.met`, `cycles.breached`) plus the current cycle
 *   when it is breached and not yet answered (an answered one is already in `cycles`).
 * Times are the `usedMinutes` of fulfilled first-response and resolution targets, in the minutes
 * each target counts (business or calendar).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SlaReportGrouping } from '@kefu/contracts';
import type { Db } from '../../platform/db/client.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { slaPolicies } from '../sla/index.js';
import { teams } from '../teams/index.js';
import { tickets } from '../tickets/index.js';
import { users } from '../users/index.js';

export type SlaReportFigures = {
  isTotal: boolean;
  key: string | null;
  label: string | null;
  tickets: number;
  frMet: number;
  frBreached: number;
  nrMet: number;
  nrBreached: number;
  resMet: number;
  resBreached: number;
  frMedian: number | null;
  frP90: number | null;
  resMedian: number | null;
  resP90: number | null;
};

const groupKey: Record<SlaReportGrouping, SQL> = {
  policy: sql`${tickets.sla} ->> 'policyId'`,
  team: sql`${tickets.teamId}::text`,
  agent: sql`${tickets.assigneeId}::text`,
  priority: sql`${tickets.priority}`,
  type: sql`${tickets.type}`,
  category: sql`${tickets.complaintCategory}`,
};

/** The group's name now; a deleted policy keeps the name its tickets stored. */
const labelOf: Record<SlaReportGrouping, SQL> = {
  policy: sql`coalesce((select ${slaPolicies.name} from ${slaPolicies} where ${slaPolicies.id}::text = r.key), r.stored_name)`,
  team: sql`(select ${teams.name} from ${teams} where ${teams.id}::text = r.key)`,
  agent: sql`(select ${users.name} from ${users} where ${users.id}::text = r.key)`,
  priority: sql`r.key`,
  type: sql`r.key`,
  category: sql`r.key`,
};

export async function slaReportFigures(
  db: Db,
  q: { from: Date; to: Date; groupBy: SlaReportGrouping; now: Date },
): Promise<SlaReportFigures[]> {
  // Complaint categories describe complaints only; other tickets would all land in "none".
  const onlyComplaints = q.groupBy === 'category' ? sql`and ${tickets.type} = 'complaint'` : sql``;
  const now = q.now.toISOString();
  const statement = sql`
    with base as (
      select ${groupKey[q.groupBy]} as key, ${tickets.sla} ->> 'policyName' as stored_name, ${tickets.sla} -> 'targets' as targets
      from ${tickets}
      where ${tickets.createdAt} >= ${q.from.toISOString()}::timestamptz and ${tickets.createdAt} < ${q.to.toISOString()}::timestamptz
        and ${tickets.sla} is not null and ${tickets.mergedIntoId} is null ${onlyComplaints}
    ),
    judged as (
      -- One row per target (a ticket holds at most one of each kind); n = 1 or null marks each ticket once.
      select
        b.key, b.stored_name, e.n,
        e.v ->> 'target' as kind,
        (e.v ->> 'usedMinutes')::float8 as used,
        e.v ->> 'metAt' is not null as met,
        coalesce((e.v -> 'cycles' ->> 'met')::int, 0) as cycles_met,
        coalesce((e.v -> 'cycles' ->> 'breached')::int, 0) as cycles_breached,
        (e.v ->> 'breachedAt' is not null or (
          e.v ->> 'metAt' is null and e.v ->> 'runningSince' is not null and not (e.v ->> 'businessTime')::boolean
          and (e.v ->> 'usedMinutes')::float8 + extract(epoch from (${now}::timestamptz - (e.v ->> 'runningSince')::timestamptz)) / 60
            >= (e.v ->> 'minutes')::float8
        )) as breached
      from base b left join lateral jsonb_array_elements(b.targets) with ordinality as e(v, n) on true
    ),
    r as (
      select
        grouping(key) = 1 as is_total, key, max(stored_name) as stored_name,
        count(*) filter (where n = 1 or n is null)::int as tickets,
        count(*) filter (where kind = 'first_response' and met and not breached)::int as fr_met,
        count(*) filter (where kind = 'first_response' and breached)::int as fr_breached,
        coalesce(sum(cycles_met) filter (where kind = 'next_response'), 0)::int as nr_met,
        (coalesce(sum(cycles_breached) filter (where kind = 'next_response'), 0)
          + count(*) filter (where kind = 'next_response' and not met and breached))::int as nr_breached,
        count(*) filter (where kind = 'resolution' and met and not breached)::int as res_met,
        count(*) filter (where kind = 'resolution' and breached)::int as res_breached,
        -- Collected per group and sorted below: an ordered-set aggregate here would make PostgreSQL
        -- sort every ticket row (sla and all) by group, spilling to disk on a year of tickets.
        array_agg(used) filter (where kind = 'first_response' and met) as fr_used,
        array_agg(used) filter (where kind = 'resolution' and met) as res_used
      from judged
      group by grouping sets ((key), ())
    )
    select
      r.is_total as "isTotal", r.key, case when r.key is null then null else ${labelOf[q.groupBy]} end as label, r.tickets,
      r.fr_met as "frMet", r.fr_breached as "frBreached", r.nr_met as "nrMet", r.nr_breached as "nrBreached",
      r.res_met as "resMet", r.res_breached as "resBreached",
      fr.p[1] as "frMedian", fr.p[2] as "frP90", res.p[1] as "resMedian", res.p[2] as "resP90"
    from r
      cross join lateral (select percentile_cont(array[0.5, 0.9]::float8[]) within group (order by x) as p from unnest(r.fr_used) as x) as fr
      cross join lateral (select percentile_cont(array[0.5, 0.9]::float8[]) within group (order by x) as p from unnest(r.res_used) as x) as res
  `;
  return inTransaction(db, async (tx) => {
    // Unnesting jsonb makes the planner guess a hundred targets per ticket, and at that cost it
    // JIT-compiles the query: seconds of compiling for a statement that runs in a few hundred ms.
    await tx.execute(sql`set local jit = off`);
    return (await tx.execute<SlaReportFigures>(statement)).rows;
  });
}
