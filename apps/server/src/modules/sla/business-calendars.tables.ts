import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CalendarDate, WeeklyHours } from '@kefu/contracts';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';

/** 工作日历: the hours SLA targets count in. Exactly one is the default (a partial unique index). */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: id(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    weekly: jsonb('weekly').$type<WeeklyHours>().notNull(),
    holidays: jsonb('holidays').$type<CalendarDate[]>().notNull().default(sql`'[]'::jsonb`),
    workdays: jsonb('workdays').$type<CalendarDate[]>().notNull().default(sql`'[]'::jsonb`),
    makeUpWeekday: smallint('make_up_weekday').notNull().default(1),
    isDefault: boolean('is_default').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('business_calendars_name_key').on(sql`lower(${t.name})`),
    uniqueIndex('business_calendars_default_key').on(t.isDefault).where(sql`${t.isDefault}`),
    check('business_calendars_make_up_weekday_check', sql`${t.makeUpWeekday} between 0 and 6`),
    check('business_calendars_version_check', sql`${t.version} > 0`),
  ],
);
