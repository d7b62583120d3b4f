import { sql } from 'drizzle-orm';
import { kbAnalyticsQuerySchema, type KbAnalytics, type KbAnalyticsQuery } from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import { invalidField } from '../../platform/http/app-error.js';
import type { RequestContext } from '../auth/index.js';
import { flushSearchStats } from './kb-search-stats.js';
import { requireKbEditor } from './kb.policy.js';
import { kbArticles, kbArticleUses, kbArticleViews, kbDeflections, kbDownloadsDaily, kbSearchStats, kbVotes } from './kb.tables.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

/**
 * Views, downloads, votes, deflections and searches over a day range: per article (most viewed
 * first), per day (for the charts) and the searches that found nothing (most asked first).
 */
export async function kbAnalytics(deps: AppDeps, ctx: RequestContext, input: KbAnalyticsQuery): Promise<KbAnalytics> {
  requireKbEditor(ctx.actor);
  const query = kbAnalyticsQuerySchema.parse(input);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const to = query.to ?? today;
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw invalidField('from', 'must not be after to');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_DAYS) throw invalidField('from', `the range may span at most ${MAX_DAYS} days`);
  await flushSearchStats(deps);
  const db = deps.db;
  const inRange = (col: unknown) => sql`${col} between ${from}::date and ${to}::date`;

  const { rows: daily } = await db.execute<{ day: string; views: number; downloads: number; helpful: number; not_helpful: number; deflections: number; searches: number; missed: number }>(sql`
    with days as (select d::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') d)
    select to_char(days.day, 'YYYY-MM-DD') as day,
      (select count(*) from ${kbArticleViews} v where v.day = days.day)::int as views,
      (select coalesce(sum(count), 0) from ${kbDownloadsDaily} d where d.day = days.day)::int as downloads,
      (select count(*) from ${kbVotes} v where v.updated_at::date = days.day and v.helpful)::int as helpful,
      (select count(*) from ${kbVotes} v where v.updated_at::date = days.day and not v.helpful)::int as not_helpful,
      (select count(*) from ${kbDeflections} f where f.day = days.day)::int as deflections,
      (select coalesce(sum(count), 0) from ${kbSearchStats} s where s.day = days.day)::int as searches,
      (select coalesce(sum(count), 0) from ${kbSearchStats} s where s.day = days.day and not s.found)::int as missed
    from days order by days.day`);

  const { rows: articles } = await db.execute<{ id: string; title: string; state: 'draft'; locale: 'en'; views: number; downloads: number; helpful: number; not_helpful: number; deflections: number; uses: number }>(sql`
    with v as (select article_id, count(*) as n from ${kbArticleViews} where ${inRange(sql`day`)} group by article_id),
         d as (select article_id, sum(count) as n from ${kbDownloadsDaily} where ${inRange(sql`day`)} group by article_id),
         h as (select article_id, count(*) filter (where helpful) as yes, count(*) filter (where not helpful) as no
               from ${kbVotes} where ${inRange(sql`updated_at::date`)} group by article_id),
         f as (select article_id, count(*) as n from ${kbDeflections} where ${inRange(sql`day`)} group by article_id),
         u as (select article_id, count(*) as n from ${kbArticleUses} where ${inRange(sql`created_at::date`)} group by article_id),
         ids as (select article_id from v union select article_id from d union select article_id from h union select article_id from f union select article_id from u)
    select a.id, a.title, a.state, a.locale,
      coalesce(v.n, 0)::int as views, coalesce(d.n, 0)::int as downloads, coalesce(h.yes, 0)::int as helpful, coalesce(h.no, 0)::int as not_helpful,
      coalesce(f.n, 0)::int as deflections, coalesce(u.n, 0)::int as uses
    from ids join ${kbArticles} a on a.id = ids.article_id
    left join v on v.article_id = a.id left join d on d.article_id = a.id left join h on h.article_id = a.id
    left join f on f.article_id = a.id left join u on u.article_id = a.id
    order by views desc, deflections desc, a.id limit ${query.limit}`);

  const { rows: missed } = await db.execute<{ query: string; count: number; last_at: Date | string }>(sql`
    select query, sum(count)::int as count, max(last_at) as last_at from ${kbSearchStats}
    where not found and ${inRange(sql`day`)} group by query order by count desc, max(last_at) desc limit ${query.limit}`);

  const points = daily.map((d) => ({
    day: d.day, views: Number(d.views), downloads: Number(d.downloads), helpful: Number(d.helpful), notHelpful: Number(d.not_helpful),
    deflections: Number(d.deflections), searches: Number(d.searches), searchesWithoutResult: Number(d.missed),
  }));
  const sum = (k: keyof (typeof points)[number]) => points.reduce((n, p) => n + (typeof p[k] === 'number' ? (p[k] as number) : 0), 0);
  return {
    from, to,
    totals: { views: sum('views'), downloads: sum('downloads'), helpful: sum('helpful'), notHelpful: sum('notHelpful'), deflections: sum('deflections'), searches: sum('searches'), searchesWithoutResult: sum('searchesWithoutResult') },
    articles: articles.map((a) => ({
      id: a.id, title: a.title, state: a.state, locale: a.locale, views: Number(a.views), downloads: Number(a.downloads), helpful: Number(a.helpful),
      notHelpful: Number(a.not_helpful), deflections: Number(a.deflections), ticketUses: Number(a.uses),
    })),
    daily: points,
    missedSearches: missed.map((m) => ({ query: m.query, count: Number(m.count), lastAt: new Date(m.last_at).toISOString() })),
  };
}
