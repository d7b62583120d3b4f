import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SlaConditions, SlaEscalationStep, SlaTargets } from '@kefu/contracts';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { businessCalendars } from './business-calendars.tables.js';

/** 服务水平协议: tried in `position` order; the first whose conditions hold applies to a ticket. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: id(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull(),
    conditions: jsonb('conditions').$type<SlaConditions>().notNull().default(sql`'{}'::jsonb`),
    targets: jsonb('targets').$type<SlaTargets>().notNull(),
    calendarId: uuid('calendar_id').references(() => businessCalendars.id, { onDelete: 'restrict' }),
    pauseStatuses: text('pause_statuses').array().notNull().default(sql`'{pending,on_hold}'::text[]`),
    escalations: jsonb('escalations').$type<SlaEscalationStep[]>().notNull().default(sql`'[]'::jsonb`),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sla_policies_name_key').on(sql`lower(${t.name})`), check('sla_policies_version_check', sql`${t.version} > 0`)],
);
