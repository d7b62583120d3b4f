import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column shapes, so every table spells ids and times the same way. */
export const id = () => uuid('id').primaryKey();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
export const at = (name: string) => timestamp(name, { withTimezone: true });
