import {
  businessCalendarIssues,
  businessCalendarLimits,
  businessCalendarMessages,
  computeBusinessTimeBodySchema,
  createBusinessCalendarBodySchema,
  importBusinessCalendarBodySchema,
  updateBusinessCalendarBodySchema,
  type BusinessCalendarDto,
  type BusinessCalendarImportResult,
  type BusinessCalendarList,
  type CalendarDate,
  type ComputeBusinessTimeBody,
  type ComputeBusinessTimeResult,
  type CreateBusinessCalendarBody,
  type ImportBusinessCalendarBody,
  type UpdateBusinessCalendarBody,
} from '@kefu/contracts';
import type { AppDeps } from '../../platform/context.js';
import type { Executor } from '../../platform/db/client.js';
import { isForeignKeyViolation, uniqueOr } from '../../platform/db/errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, fieldConflict, invalidField, notFound } from '../../platform/http/app-error.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import type { RequestContext } from '../auth/index.js';
import { addBusinessMinutes, businessMinutesBetween } from './business-time.js';
import { authorizeBusinessCalendars } from './business-calendars.policy.js';
import { calendarRules, presentCalendar, snapshotCalendar } from './business-calendars.presenter.js';
import * as repo from './business-calendars.repository.js';
import { CalendarImportError, mergeImportedDates, parseCalendarJson, parseICalendar } from './calendar-import.js';
import { RECOMPUTE_SLA_DEADLINES, slaConfig } from './sla-config.js';

const NAME_INDEX = 'business_calendars_name_key';
const nameTaken = () => fieldConflict('name', 'is already used by another business calendar');
const byDate = (list: readonly CalendarDate[]) => [...list].sort((a, b) => a.date.localeCompare(b.date));

function assertRules(cal: Parameters<typeof businessCalendarIssues>[0]) {
  const errors = businessCalendarIssues(cal);
  if (errors.length) throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

const keepOneDefault = () => {
  const message = businessCalendarMessages.defaultRequired;
  return new AppError('conflict', `isDefault: ${message}`, { errors: [{ field: 'isDefault', message }] });
};

/**
 * SLA clocks read calendars from a per-instance cache: every instance drops its copy when this
 * commits. A changed calendar also moves the due instants of the tickets counting on it (a job).
 */
async function calendarsChanged(deps: AppDeps, tx: Executor, changedId?: string) {
  await slaConfig.changed(deps.db, tx);
  if (changedId) await deps.jobs.send(RECOMPUTE_SLA_DEADLINES, { calendarId: changedId }, { tx });
}

/** Takes the default away from whichever calendar holds it, on the record: its audit says so too. */
async function demoteDefault(tx: Executor, ctx: RequestContext, keep: string | null, now: Date) {
  const current = await repo.findDefaultCalendar(tx);
  if (!current || current.id === keep) return;
  const row = await repo.updateCalendarRow(tx, current.id, current.version, { isDefault: false, updatedAt: now });
  if (!row) throw new AppError('conflict', 'The default calendar changed meanwhile; try again');
  await recordAudit(tx, ctx, { action: 'business_calendar.updated', entityType: 'business_calendar', entityId: row.id, before: snapshotCalendar(current), after: snapshotCalendar(row) }, now);
}

export async function listBusinessCalendars(deps: AppDeps, ctx: RequestContext): Promise<BusinessCalendarList> {
  authorizeBusinessCalendars(ctx.actor, 'list');
  return { items: (await repo.listAllCalendars(deps.db)).map(presentCalendar) };
}

export async function getBusinessCalendar(deps: AppDeps, ctx: RequestContext, id: string): Promise<BusinessCalendarDto> {
  authorizeBusinessCalendars(ctx.actor, 'read');
  const row = await repo.findCalendar(deps.db, id);
  if (!row) throw notFound('BusinessCalendar');
  return presentCalendar(row);
}

export async function createBusinessCalendar(deps: AppDeps, ctx: RequestContext, input: CreateBusinessCalendarBody): Promise<BusinessCalendarDto> {
  authorizeBusinessCalendars(ctx.actor, 'create');
  const body = createBusinessCalendarBodySchema.parse(input);
  assertRules(body);
  const now = deps.clock.now();
  return uniqueOr(NAME_INDEX, nameTaken, () =>
    inTransaction(deps.db, async (tx) => {
      await repo.lockCalendars(tx);
      if (await repo.findCalendarByName(tx, body.name)) throw nameTaken();
      const id = uuidv7(now.getTime());
      if (body.isDefault) await demoteDefault(tx, ctx, null, now);
      const row = await repo.insertCalendar(tx, {
        id, name: body.name, timeZone: body.timeZone, weekly: body.weekly, holidays: byDate(body.holidays), workdays: byDate(body.workdays),
        makeUpWeekday: body.makeUpWeekday, isDefault: body.isDefault, createdAt: now, updatedAt: now,
      });
      await recordAudit(tx, ctx, { action: 'business_calendar.created', entityType: 'business_calendar', entityId: id, after: snapshotCalendar(row) }, now);
      await calendarsChanged(deps, tx);
      return presentCalendar(row);
    }),
  );
}

/** Locks the calendar, checks `If-Match`, applies `change` (which returns the patch) and audits it. */
async function changeCalendar(
  deps: AppDeps, ctx: RequestContext, id: string, ifMatch: number | undefined,
  change: (before: repo.BusinessCalendarRow, tx: Executor, now: Date) => Promise<repo.BusinessCalendarPatch>,
): Promise<repo.BusinessCalendarRow> {
  const now = deps.clock.now();
  return uniqueOr(NAME_INDEX, nameTaken, () =>
    inTransaction(deps.db, async (tx) => {
      await repo.lockCalendars(tx);
      const before = await repo.findCalendar(tx, id, true);
      if (!before) throw notFound('BusinessCalendar');
      if (ifMatch !== undefined && ifMatch !== before.version) {
        throw new AppError('precondition_failed', `The calendar changed since you loaded it (now version ${before.version})`, { current: presentCalendar(before) });
      }
      const patch = await change(before, tx, now);
      const row = await repo.updateCalendarRow(tx, id, before.version, { ...patch, updatedAt: now });
      if (!row) throw new AppError('conflict', 'The calendar changed meanwhile; reload it and try again');
      await recordAudit(tx, ctx, { action: 'business_calendar.updated', entityType: 'business_calendar', entityId: id, before: snapshotCalendar(before), after: snapshotCalendar(row) }, now);
      await calendarsChanged(deps, tx, id);
      return row;
    }),
  );
}

export async function updateBusinessCalendar(deps: AppDeps, ctx: RequestContext, id: string, input: UpdateBusinessCalendarBody, ifMatch?: number): Promise<BusinessCalendarDto> {
  authorizeBusinessCalendars(ctx.actor, 'update');
  const body = updateBusinessCalendarBodySchema.parse(input);
  const row = await changeCalendar(deps, ctx, id, ifMatch, async (before, tx, now) => {
    assertRules({ weekly: body.weekly ?? before.weekly, holidays: body.holidays ?? before.holidays, workdays: body.workdays ?? before.workdays });
    if (body.isDefault === false && before.isDefault) throw keepOneDefault();
    if (body.name !== undefined && body.name.toLowerCase() !== before.name.toLowerCase() && (await repo.findCalendarByName(tx, body.name))) throw nameTaken();
    if (body.isDefault && !before.isDefault) await demoteDefault(tx, ctx, id, now);
    const { holidays, workdays, ...rest } = body;
    return { ...rest, ...(holidays ? { holidays: byDate(holidays) } : {}), ...(workdays ? { workdays: byDate(workdays) } : {}) };
  });
  return presentCalendar(row);
}

export async function deleteBusinessCalendar(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  authorizeBusinessCalendars(ctx.actor, 'delete');
  const now = deps.clock.now();
  try {
    await inTransaction(deps.db, async (tx) => {
      await repo.lockCalendars(tx);
      const before = await repo.findCalendar(tx, id, true);
      if (!before) throw notFound('BusinessCalendar');
      if (before.isDefault) throw keepOneDefault();
      await repo.deleteCalendarRow(tx, id);
      await recordAudit(tx, ctx, { action: 'business_calendar.deleted', entityType: 'business_calendar', entityId: id, before: snapshotCalendar(before) }, now);
      await calendarsChanged(deps, tx);
    });
  } catch (err) {
    // SLA policies keep their calendar (ON DELETE RESTRICT): their clocks must not silently change.
    if (isForeignKeyViolation(err)) throw new AppError('conflict', 'This calendar is used by SLA policies: give them another calendar first');
    throw err;
  }
}

/** Merges a file's holidays and make-up days into the calendar (see `mergeImportedDates`). */
export async function importBusinessCalendarDates(
  deps: AppDeps, ctx: RequestContext, id: string, input: ImportBusinessCalendarBody, ifMatch?: number,
): Promise<BusinessCalendarImportResult> {
  authorizeBusinessCalendars(ctx.actor, 'update');
  const body = importBusinessCalendarBodySchema.parse(input);
  let counts = { holidays: 0, workdays: 0 };
  const row = await changeCalendar(deps, ctx, id, ifMatch, async (before) => {
    let merged;
    try {
      const imported = body.format === 'json' ? parseCalendarJson(body.content) : parseICalendar(body.content);
      merged = mergeImportedDates(before, imported, body.year);
    } catch (err) {
      if (err instanceof CalendarImportError) throw invalidField('content', err.message);
      throw err;
    }
    for (const list of ['holidays', 'workdays'] as const) {
      if (merged[list].length > businessCalendarLimits.dates) throw invalidField('content', `would give the calendar more than ${businessCalendarLimits.dates} ${list}`);
    }
    counts = merged.counts;
    return { holidays: merged.holidays, workdays: merged.workdays };
  });
  return { calendar: presentCalendar(row), ...counts };
}

/** What-if: a due time from a start and business minutes, or the business minutes between two instants. */
export async function computeBusinessTime(deps: AppDeps, ctx: RequestContext, id: string, input: ComputeBusinessTimeBody): Promise<ComputeBusinessTimeResult> {
  authorizeBusinessCalendars(ctx.actor, 'read');
  const body = computeBusinessTimeBodySchema.parse(input);
  const row = await repo.findCalendar(deps.db, id);
  if (!row) throw notFound('BusinessCalendar');
  const rules = calendarRules(row);
  if (body.from !== undefined && body.to !== undefined) {
    return { minutes: businessMinutesBetween(rules, new Date(body.from), new Date(body.to)) };
  }
  try {
    return { dueAt: addBusinessMinutes(rules, new Date(body.start!), body.minutes!).toISOString() };
  } catch (err) {
    if (err instanceof RangeError) throw invalidField('minutes', businessCalendarMessages.noBusinessTime);
    throw err;
  }
}
