import {
  appliesToTicketType,
  customFieldLimits,
  customFieldMessages as m,
  customFieldValueSchema,
  isEmptyCustomFieldValue,
  type CustomFieldDef,
  type CustomFieldValue,
  type FieldError,
  type TicketType,
} from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';

export interface ValidateCustomFieldOptions {
  /**
   * `create`: `values` is the whole form. `update`: `values` is a patch — a key present sets (or,
   * with null/empty, clears) that field; an absent key keeps `previous`.
   */
  mode: 'create' | 'update';
  actor: 'staff' | 'customer';
  /** The ticket's stored values (update only). */
  previous?: Record<string, unknown>;
}

// A hostile key can be any length; the error names only its start.
const field = (key: string) => `customFields.${key.slice(0, 60)}`;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const whole = (message: string) => new AppError('validation_failed', `customFields: ${message}`, { errors: [{ field: 'customFields', message }] });
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Checks a ticket's custom field values against the definitions and returns what to store: on
 * create the non-empty values given, on update `previous` with the patch applied (cleared keys
 * removed). Every problem is reported at once, each naming `customFields.<key>`.
 *
 * Rules: unknown keys and — for customers — fields not visible to customers are "not known" (a
 * customer must not learn that hidden fields exist); a value is checked by its kind's contract
 * schema; fields that do not apply to the ticket type cannot be set; an inactive field cannot take
 * a new value, though its stored value is kept and may be cleared; a required field must be filled
 * on create (customers: only the fields they see) and may not be cleared on update. A required
 * checkbox must be checked (consent-style). Stored values of fields that no longer apply or no
 * longer exist are never dropped silently: only the caller's explicit clear removes them.
 */
export function validateCustomFieldValues(
  defs: readonly CustomFieldDef[],
  ticketType: TicketType,
  values: unknown,
  options: ValidateCustomFieldOptions,
): { values: Record<string, CustomFieldValue> } {
  if (!isPlainObject(values)) throw whole(m.notAnObject);
  if (Object.keys(values).length > customFieldLimits.fields) throw whole(m.tooMany);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const previous = options.mode === 'update' ? (options.previous ?? {}) : {};
  // A Map, not an object, so no key (`__proto__` included) can reach a prototype.
  const out = new Map<string, CustomFieldValue>();
  if (options.mode === 'update') {
    for (const [k, v] of Object.entries(previous)) if (!isEmptyCustomFieldValue(v)) out.set(k, v as CustomFieldValue);
  }
  const errors: FieldError[] = [];
  const fail = (key: string, message: string) => errors.push({ field: field(key), message });

  for (const [key, raw] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def || (options.actor === 'customer' && !def.visibleToCustomer)) {
      fail(key, m.unknownField);
      continue;
    }
    if (isEmptyCustomFieldValue(raw)) {
      if (def.required && def.active && appliesToTicketType(def, ticketType)) fail(key, m.required);
      else out.delete(key);
      continue;
    }
    const parsed = customFieldValueSchema(def).safeParse(raw);
    if (!parsed.success) {
      fail(key, parsed.error.issues[0]?.message ?? m.text);
      continue;
    }
    const value = parsed.data;
    // Re-sending the stored value unchanged is not "setting" it: forms submit every field they show.
    const unchanged = Object.hasOwn(previous, key) && sameValue(previous[key], value);
    if (!unchanged) {
      if (!def.active) {
        fail(key, m.inactive);
        continue;
      }
      if (!appliesToTicketType(def, ticketType)) {
        fail(key, m.notForType);
        continue;
      }
    }
    if (def.kind === 'checkbox' && def.required && def.active && value !== true) {
      fail(key, m.mustBeChecked);
      continue;
    }
    out.set(key, value);
  }

  if (options.mode === 'create') {
    for (const def of defs) {
      if (!def.required || !def.active || !appliesToTicketType(def, ticketType)) continue;
      if (options.actor === 'customer' && !def.visibleToCustomer) continue;
      if (Object.hasOwn(values, def.key)) continue;
      fail(def.key, def.kind === 'checkbox' ? m.mustBeChecked : m.required);
    }
  }

  if (errors.length > 0) {
    throw new AppError('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
  return { values: Object.fromEntries(out) };
}
