import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CustomFieldOption, LocalizedText } from '@kefu/contracts';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';

/** One field of the standardised ticket forms; tickets store values under its `key`. */
export const customFields = pgTable(
  'custom_fields',
  {
    id: id(),
    key: text('key').notNull(),
    label: jsonb('label').$type<LocalizedText>().notNull(),
    kind: text('kind', { enum: ['text', 'number', 'select', 'multi_select', 'date', 'checkbox'] }).notNull(),
    options: jsonb('options').$type<CustomFieldOption[]>().notNull().default(sql`'[]'::jsonb`),
    required: boolean('required').notNull().default(false),
    ticketTypes: text('ticket_types').array().notNull().default(sql`'{}'::text[]`),
    visibleToCustomer: boolean('visible_to_customer').notNull().default(false),
    position: integer('position').notNull(),
    active: boolean('active').notNull().default(true),
    helpText: jsonb('help_text').$type<LocalizedText>().notNull(),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    maxLength: integer('max_length'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('custom_fields_key_key').on(t.key),
    index('custom_fields_position_idx').on(t.position),
    check('custom_fields_kind_check', sql`${t.kind} in ('text','number','select','multi_select','date','checkbox')`),
    check('custom_fields_key_check', sql`${t.key} ~ '^[a-z][a-z0-9_]{0,39}$'`),
  ],
);
