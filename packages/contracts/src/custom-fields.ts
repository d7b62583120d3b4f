import { z } from 'zod';
import { freeTextSchema, idSchema, isoDate, textSchema } from './common.js';
import { ticketTypes, type TicketType } from './tickets.js';

/** Custom fields (自定义字段): the standardised form of each ticket type. */
export const customFieldKinds = ['text', 'number', 'select', 'multi_select', 'date', 'checkbox'] as const;
export type CustomFieldKind = (typeof customFieldKinds)[number];
export const selectKinds: readonly CustomFieldKind[] = ['select', 'multi_select'];

export const customFieldLimits = {
  key: 40,
  label: 200,
  help: 1000,
  options: 200,
  optionValue: 100,
  textLength: 10_000,
  /** A ceiling on the whole form, so a ticket write never validates an unbounded list. */
  fields: 500,
} as const;

/**
 * The stable English texts of custom-field validation errors, shared by the server's field errors
 * and the web's client-side rules, so both can be translated by the same key.
 */
export const customFieldMessages = {
  keyFormat: 'must start with a lowercase letter and hold only a-z, 0-9 and _ (at most 40)',
  optionsRequired: 'a select field needs at least one option',
  optionsNotAllowed: 'only select fields have options',
  optionRepeated: 'must not repeat an option value',
  minMaxOrder: 'min must not be greater than max',
  numberOnly: 'only number fields have min and max',
  textOnly: 'only text fields have maxLength',
  unknownField: 'is not a known field',
  notForType: 'does not apply to this ticket type',
  inactive: 'is no longer in use and cannot be set',
  required: 'is required',
  mustBeChecked: 'must be checked',
  notAnOption: 'must be one of the options',
  singleOption: 'must be a single option, not a list',
  listOfOptions: 'must be a list of options',
  dateFormat: 'must be a date written YYYY-MM-DD',
  number: 'must be a number',
  text: 'must be text',
  boolean: 'must be true or false',
  notAnObject: 'must be an object of field keys to values',
  tooMany: 'has more keys than there are fields',
} as const;

export const customFieldKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, customFieldMessages.keyFormat);

export const localizedLabelSchema = z.object({ 'zh-CN': textSchema(customFieldLimits.label), en: textSchema(customFieldLimits.label) }).strict();
export const localizedHelpSchema = z
  .object({ 'zh-CN': freeTextSchema(customFieldLimits.help).trim(), en: freeTextSchema(customFieldLimits.help).trim() })
  .strict();
export type LocalizedText = z.infer<typeof localizedLabelSchema>;

export const customFieldOptionSchema = z
  .object({ value: textSchema(customFieldLimits.optionValue), label: localizedLabelSchema })
  .strict();
export type CustomFieldOption = z.infer<typeof customFieldOptionSchema>;

// As in common.ts: tab, newline and carriage return are text; NUL and other controls are not.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const boundSchema = z.number().min(-1e15).max(1e15).nullable();

export const customFieldSchema = z.object({
  id: idSchema,
  key: z.string(),
  label: localizedLabelSchema,
  kind: z.enum(customFieldKinds),
  options: z.array(customFieldOptionSchema),
  required: z.boolean(),
  /** Empty means every ticket type. */
  ticketTypes: z.array(z.enum(ticketTypes)),
  visibleToCustomer: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
  helpText: localizedHelpSchema,
  min: z.number().nullable(),
  max: z.number().nullable(),
  maxLength: z.number().int().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type CustomField = z.infer<typeof customFieldSchema>;

/** What validating a ticket's values needs of a definition; the full DTO satisfies it. */
export type CustomFieldDef = Pick<
  CustomField,
  'key' | 'kind' | 'options' | 'required' | 'ticketTypes' | 'visibleToCustomer' | 'active' | 'min' | 'max' | 'maxLength'
>;
/** A stored value: what `validateCustomFieldValues` returns, always plain JSON. */
export type CustomFieldValue = string | number | boolean | string[];

type DefinitionShape = Pick<CustomFieldDef, 'kind' | 'options' | 'min' | 'max' | 'maxLength'>;

/** Rules across properties of a definition; used on create and on the merged record of a patch. */
export function customFieldDefinitionIssues(def: DefinitionShape): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const isSelect = selectKinds.includes(def.kind);
  if (isSelect && def.options.length === 0) issues.push({ field: 'options', message: customFieldMessages.optionsRequired });
  if (!isSelect && def.options.length > 0) issues.push({ field: 'options', message: customFieldMessages.optionsNotAllowed });
  const seen = new Set<string>();
  def.options.forEach((o, i) => {
    if (seen.has(o.value)) issues.push({ field: `options.${i}.value`, message: customFieldMessages.optionRepeated });
    seen.add(o.value);
  });
  if (def.kind !== 'number') {
    if (def.min !== null) issues.push({ field: 'min', message: customFieldMessages.numberOnly });
    if (def.max !== null) issues.push({ field: 'max', message: customFieldMessages.numberOnly });
  } else if (def.min !== null && def.max !== null && def.min > def.max) {
    issues.push({ field: 'min', message: customFieldMessages.minMaxOrder });
  }
  if (def.kind !== 'text' && def.maxLength !== null) issues.push({ field: 'maxLength', message: customFieldMessages.textOnly });
  return issues;
}

const definitionRefinement = (def: DefinitionShape, ctx: z.RefinementCtx) => {
  for (const issue of customFieldDefinitionIssues(def)) {
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
  }
};

const editable = {
  label: localizedLabelSchema,
  options: z.array(customFieldOptionSchema).max(customFieldLimits.options),
  required: z.boolean(),
  ticketTypes: z.array(z.enum(ticketTypes)).max(ticketTypes.length).transform((list) => [...new Set(list)]),
  visibleToCustomer: z.boolean(),
  active: z.boolean(),
  helpText: localizedHelpSchema,
  min: boundSchema,
  max: boundSchema,
  maxLength: z.number().int().min(1).max(customFieldLimits.textLength).nullable(),
};

export const createCustomFieldBodySchema = z
  .object({
    key: customFieldKeySchema,
    kind: z.enum(customFieldKinds),
    label: editable.label,
    options: editable.options.default([]),
    required: editable.required.default(false),
    ticketTypes: editable.ticketTypes.default([]),
    visibleToCustomer: editable.visibleToCustomer.default(false),
    active: editable.active.default(true),
    helpText: editable.helpText.default({ 'zh-CN': '', en: '' }),
    min: editable.min.default(null),
    max: editable.max.default(null),
    maxLength: editable.maxLength.default(null),
  })
  .strict()
  .superRefine(definitionRefinement);
export type CreateCustomFieldBody = z.input<typeof createCustomFieldBodySchema>;

/** `key` and `kind` are fixed once created: stored ticket values are keyed and typed by them. */
export const updateCustomFieldBodySchema = z
  .object({
    label: editable.label.optional(),
    options: editable.options.optional(),
    required: editable.required.optional(),
    ticketTypes: editable.ticketTypes.optional(),
    visibleToCustomer: editable.visibleToCustomer.optional(),
    active: editable.active.optional(),
    helpText: editable.helpText.optional(),
    min: editable.min.optional(),
    max: editable.max.optional(),
    maxLength: editable.maxLength.optional(),
  })
  .strict();
export type UpdateCustomFieldBody = z.input<typeof updateCustomFieldBodySchema>;

export const listCustomFieldsQuerySchema = z
  .object({
    ticketType: z.enum(ticketTypes).optional(),
    active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict();
export type ListCustomFieldsQuery = z.infer<typeof listCustomFieldsQuerySchema>;

export const customFieldListSchema = z.object({ items: z.array(customFieldSchema) });
export type CustomFieldList = z.infer<typeof customFieldListSchema>;

export const reorderCustomFieldsBodySchema = z
  .object({ ids: z.array(idSchema).min(1).max(customFieldLimits.fields) })
  .strict();
export type ReorderCustomFieldsBody = z.infer<typeof reorderCustomFieldsBodySchema>;

/** Whether a field belongs on the form of a ticket of this type. */
export const appliesToTicketType = (def: Pick<CustomFieldDef, 'ticketTypes'>, type: TicketType) =>
  def.ticketTypes.length === 0 || def.ticketTypes.includes(type);

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), years 0001–9999. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(2000, mo - 1, d));
  dt.setUTCFullYear(y);
  return dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/**
 * The schema of one non-empty value of a field, by its kind: the single definition the server's
 * `validateCustomFieldValues` and the web form's rules both apply. Emptiness and `required` are
 * decided by the caller, since an empty value means "not set" rather than "wrong".
 */
export function customFieldValueSchema(def: DefinitionShape): z.ZodType<CustomFieldValue> {
  const m = customFieldMessages;
  const values = new Set(def.options.map((o) => o.value));
  const option = z.string({ error: m.notAnOption }).refine((v) => values.has(v), m.notAnOption);
  switch (def.kind) {
    case 'text':
      return z
        .string({ error: m.text })
        .trim()
        .min(1)
        .max(def.maxLength ?? customFieldLimits.textLength)
        .refine((s) => !controlCharacters.test(s), 'must not contain control characters');
    case 'number': {
      let n = z.number({ error: m.number });
      if (def.min !== null) n = n.min(def.min);
      if (def.max !== null) n = n.max(def.max);
      return n;
    }
    case 'select':
      return z.string({ error: (issue) => (Array.isArray(issue.input) ? m.singleOption : m.notAnOption) }).refine((v) => values.has(v), m.notAnOption);
    case 'multi_select':
      return z
        .array(option, { error: m.listOfOptions })
        .min(1)
        .max(customFieldLimits.options)
        .refine((list) => new Set(list).size === list.length, m.optionRepeated);
    case 'date':
      return z.string({ error: m.dateFormat }).refine(isCalendarDate, m.dateFormat);
    case 'checkbox':
      return z.boolean({ error: m.boolean });
  }
}

/** Empty means "not set": absent, null, blank text or an empty list. `false` is a checkbox's answer. */
export function isEmptyCustomFieldValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
