import { describe, expect, it } from 'vitest';
import { customFieldMessages as m, type CustomFieldDef, type TicketType } from '@kefu/contracts';
import { AppError } from '../../platform/http/app-error.js';
import { validateCustomFieldValues, type ValidateCustomFieldOptions } from './custom-field-values.js';

const def = (key: string, kind: CustomFieldDef['kind'], extra: Partial<CustomFieldDef> = {}): CustomFieldDef => ({
  key, kind, options: [], required: false, ticketTypes: [], visibleToCustomer: true, active: true, min: null, max: null, maxLength: null, ...extra,
});
const opt = (value: string) => ({ value, label: { 'zh-CN': value, en: value } });

const defs: CustomFieldDef[] = [
  def('serial_no', 'text', { maxLength: 20 }),
  def('notes', 'text'),
  def('quantity', 'number', { min: 1, max: 100 }),
  def('amount', 'number'),
  def('product', 'select', { options: [opt('phone'), opt('laptop'), opt('tablet')] }),
  def('symptoms', 'multi_select', { options: [opt('noise'), opt('heat'), opt('crash')] }),
  def('purchased_on', 'date'),
  def('under_warranty', 'checkbox'),
  def('repair_site', 'select', { ticketTypes: ['repair'], options: [opt('home'), opt('shop')] }),
  def('internal_grade', 'select', { visibleToCustomer: false, options: [opt('a'), opt('b')] }),
  def('legacy_code', 'text', { active: false }),
];
const requiredDefs: CustomFieldDef[] = [
  def('order_no', 'text', { required: true }),
  def('agree_terms', 'checkbox', { required: true }),
  def('staff_only', 'text', { required: true, visibleToCustomer: false }),
  def('repair_only', 'text', { required: true, ticketTypes: ['repair'] }),
  def('old_required', 'text', { required: true, active: false }),
  def('optional', 'text'),
];

const staffCreate: ValidateCustomFieldOptions = { mode: 'create', actor: 'staff' };
const customerCreate: ValidateCustomFieldOptions = { mode: 'create', actor: 'customer' };
const staffUpdate = (previous: Record<string, unknown>): ValidateCustomFieldOptions => ({ mode: 'update', actor: 'staff', previous });

const run = (values: unknown, options: ValidateCustomFieldOptions = staffCreate, type: TicketType = 'inquiry', list = defs) =>
  validateCustomFieldValues(list, type, values, options).values;

/** The field errors thrown, as `{ field: message }`; fails if nothing was thrown. */
function errorsOf(values: unknown, options: ValidateCustomFieldOptions = staffCreate, type: TicketType = 'inquiry', list = defs) {
  try {
    validateCustomFieldValues(list, type, values, options);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('validation_failed');
    expect(e.status).toBe(400);
    return Object.fromEntries((e.extra.errors ?? []).map((x) => [x.field, x.message]));
  }
  throw new Error('expected validation to fail');
}

describe('validateCustomFieldValues: accepted values', () => {
  it('accepts an empty form when nothing is required', () => {
    expect(run({})).toEqual({});
  });

  it('accepts one valid value of every kind and returns them', () => {
    const values = {
      serial_no: 'SN-001', quantity: 3, amount: -12.5, product: 'laptop', symptoms: ['noise', 'crash'],
      purchased_on: '2026-02-28', under_warranty: false, internal_grade: 'a',
    };
    expect(run(values)).toEqual(values);
  });

  it('trims text', () => {
    expect(run({ serial_no: '  SN-7  ' })).toEqual({ serial_no: 'SN-7' });
  });

  it('keeps line breaks and tabs in text', () => {
    expect(run({ notes: '第一行\n第二行\tend' })).toEqual({ notes: '第一行\n第二行\tend' });
  });

  it('drops empty values on create: null, blank text, empty list', () => {
    expect(run({ notes: '   ', quantity: null, symptoms: [] })).toEqual({});
  });

  it('accepts a leap day and rejects the 29th of February in a common year', () => {
    expect(run({ purchased_on: '2028-02-29' })).toEqual({ purchased_on: '2028-02-29' });
    expect(errorsOf({ purchased_on: '2026-02-29' })).toEqual({ 'customFields.purchased_on': m.dateFormat });
  });

  it('accepts numbers on the min and max bounds', () => {
    expect(run({ quantity: 1 })).toEqual({ quantity: 1 });
    expect(run({ quantity: 100 })).toEqual({ quantity: 100 });
  });

  it('accepts text exactly at maxLength, counted after trimming', () => {
    expect(run({ serial_no: ` ${'x'.repeat(20)} ` })).toEqual({ serial_no: 'x'.repeat(20) });
  });

  it('accepts a field limited to repair on a repair ticket', () => {
    expect(run({ repair_site: 'home' }, staffCreate, 'repair')).toEqual({ repair_site: 'home' });
  });
});

describe('validateCustomFieldValues: unknown keys and the shape of values', () => {
  it('refuses a key with no definition, naming it', () => {
    expect(errorsOf({ colour: 'red' })).toEqual({ 'customFields.colour': m.unknownField });
  });

  it('refuses keys that only exist on Object.prototype', () => {
    expect(errorsOf({ constructor: 'x', toString: 'y' })).toEqual({ 'customFields.constructor': m.unknownField, 'customFields.toString': m.unknownField });
  });

  it('refuses __proto__ without polluting any prototype', () => {
    const values = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(errorsOf(values)).toEqual({ 'customFields.__proto__': m.unknownField });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('shortens a very long unknown key in the error', () => {
    const fields = Object.keys(errorsOf({ ['k'.repeat(5000)]: 1 }));
    expect(fields).toHaveLength(1);
    expect(fields[0]!.length).toBeLessThan(80);
  });

  it.each([['an array', []], ['a string', 'x'], ['null', null], ['a number', 5]])('refuses %s in place of the values object', (_name, values) => {
    expect(errorsOf(values)).toEqual({ customFields: m.notAnObject });
  });

  it('refuses more keys than a form can have', () => {
    const values = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`k${i}`, 'x']));
    expect(errorsOf(values)).toEqual({ customFields: m.tooMany });
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(errorsOf({ colour: 1, quantity: '3', product: 'car' }))).toEqual(['customFields.colour', 'customFields.quantity', 'customFields.product']);
  });
});

describe('validateCustomFieldValues: types by kind', () => {
  it.each([
    ['a numeric string', '3'],
    ['a boolean', true],
    ['an array', [3]],
    ['an object', { n: 3 }],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('number: refuses %s', (_name, value) => {
    expect(Object.keys(errorsOf({ amount: value }))).toEqual(['customFields.amount']);
  });

  it('number: refuses values below min and above max', () => {
    expect(Object.keys(errorsOf({ quantity: 0.5 }))).toEqual(['customFields.quantity']);
    expect(Object.keys(errorsOf({ quantity: 101 }))).toEqual(['customFields.quantity']);
  });

  it.each([['a number', 42], ['a boolean', true], ['a list', ['a']], ['an object', { a: 1 }]])('text: refuses %s', (_name, value) => {
    expect(errorsOf({ notes: value })).toEqual({ 'customFields.notes': m.text });
  });

  it('text: refuses text over maxLength', () => {
    expect(Object.keys(errorsOf({ serial_no: 'x'.repeat(21) }))).toEqual(['customFields.serial_no']);
  });

  it('text: refuses text over 10,000 characters when no maxLength is set', () => {
    expect(run({ notes: 'x'.repeat(10_000) }).notes).toHaveLength(10_000);
    expect(Object.keys(errorsOf({ notes: 'x'.repeat(10_001) }))).toEqual(['customFields.notes']);
  });

  it.each([['NUL', 'a\u0000b'], ['bell', 'a\u0007b'], ['escape', 'a\u001bb'], ['delete', 'a\u007fb']])('text: refuses the control character %s', (_name, value) => {
    expect(errorsOf({ notes: value })).toEqual({ 'customFields.notes': 'must not contain control characters' });
  });

  it('select: refuses a value that is not an option, or an option differing in case', () => {
    expect(errorsOf({ product: 'car' })).toEqual({ 'customFields.product': m.notAnOption });
    expect(errorsOf({ product: 'Laptop' })).toEqual({ 'customFields.product': m.notAnOption });
  });

  it('select: refuses a list, even of one valid option', () => {
    expect(errorsOf({ product: ['laptop'] })).toEqual({ 'customFields.product': m.singleOption });
  });

  it('select: refuses a number', () => {
    expect(errorsOf({ product: 1 })).toEqual({ 'customFields.product': m.notAnOption });
  });

  it('multi_select: refuses a repeated option', () => {
    expect(errorsOf({ symptoms: ['noise', 'noise'] })).toEqual({ 'customFields.symptoms': m.optionRepeated });
  });

  it('multi_select: refuses an unknown option in the list', () => {
    expect(errorsOf({ symptoms: ['noise', 'smoke'] })).toEqual({ 'customFields.symptoms': m.notAnOption });
  });

  it('multi_select: refuses a single string instead of a list', () => {
    expect(errorsOf({ symptoms: 'noise' })).toEqual({ 'customFields.symptoms': m.listOfOptions });
  });

  it('multi_select: refuses non-string items', () => {
    expect(errorsOf({ symptoms: [1] })).toEqual({ 'customFields.symptoms': m.notAnOption });
  });

  it.each([
    ['an impossible month and day', '2026-13-45'],
    ['the 31st of April', '2026-04-31'],
    ['day zero', '2026-01-00'],
    ['year zero', '0000-01-01'],
    ['a date-time', '2026-01-05T00:00:00Z'],
    ['a slashed date', '2026/01/05'],
    ['a short form', '2026-1-5'],
    ['a timestamp number', 1767571200000],
    ['Chinese notation', '2026年1月5日'],
  ])('date: refuses %s', (_name, value) => {
    expect(errorsOf({ purchased_on: value })).toEqual({ 'customFields.purchased_on': m.dateFormat });
  });

  it.each([['"true"', 'true'], ['1', 1], ['0', 0], ['"yes"', 'yes']])('checkbox: refuses %s', (_name, value) => {
    expect(errorsOf({ under_warranty: value })).toEqual({ 'customFields.under_warranty': m.boolean });
  });

  it('checkbox: keeps false as an answer, not as empty', () => {
    expect(run({ under_warranty: false })).toEqual({ under_warranty: false });
  });
});

describe('validateCustomFieldValues: ticket types, visibility, inactive fields', () => {
  it('refuses a field that does not apply to the ticket type', () => {
    expect(errorsOf({ repair_site: 'home' }, staffCreate, 'complaint')).toEqual({ 'customFields.repair_site': m.notForType });
  });

  it('lets a customer set fields shown in the portal', () => {
    expect(run({ product: 'phone', symptoms: ['heat'] }, customerCreate)).toEqual({ product: 'phone', symptoms: ['heat'] });
  });

  it('treats a hidden field as unknown to a customer, so its existence does not leak', () => {
    expect(errorsOf({ internal_grade: 'a' }, customerCreate)).toEqual({ 'customFields.internal_grade': m.unknownField });
  });

  it('refuses a customer re-sending a hidden field even with the stored value', () => {
    const options: ValidateCustomFieldOptions = { mode: 'update', actor: 'customer', previous: { internal_grade: 'a' } };
    expect(errorsOf({ internal_grade: 'a' }, options)).toEqual({ 'customFields.internal_grade': m.unknownField });
  });

  it('keeps hidden values a customer cannot see when the customer updates other fields', () => {
    const options: ValidateCustomFieldOptions = { mode: 'update', actor: 'customer', previous: { internal_grade: 'b', product: 'phone' } };
    expect(validateCustomFieldValues(defs, 'inquiry', { product: 'tablet' }, options).values).toEqual({ internal_grade: 'b', product: 'tablet' });
  });

  it('refuses a new value for an inactive field on create', () => {
    expect(errorsOf({ legacy_code: 'L1' })).toEqual({ 'customFields.legacy_code': m.inactive });
  });

  it('refuses changing the value of an inactive field on update', () => {
    expect(errorsOf({ legacy_code: 'L2' }, staffUpdate({ legacy_code: 'L1' }))).toEqual({ 'customFields.legacy_code': m.inactive });
  });

  it('keeps an inactive field\'s stored value, re-sent or not', () => {
    expect(run({ notes: 'n' }, staffUpdate({ legacy_code: 'L1' }))).toEqual({ legacy_code: 'L1', notes: 'n' });
    expect(run({ legacy_code: 'L1' }, staffUpdate({ legacy_code: 'L1' }))).toEqual({ legacy_code: 'L1' });
  });

  it('lets staff clear an inactive field', () => {
    expect(run({ legacy_code: null }, staffUpdate({ legacy_code: 'L1' }))).toEqual({});
  });

  it('keeps a stored value whose field no longer applies after a type change, and accepts it re-sent', () => {
    expect(run({ repair_site: 'shop' }, staffUpdate({ repair_site: 'shop' }), 'inquiry')).toEqual({ repair_site: 'shop' });
    expect(errorsOf({ repair_site: 'home' }, staffUpdate({ repair_site: 'shop' }), 'inquiry')).toEqual({ 'customFields.repair_site': m.notForType });
  });

  it('keeps stored values of fields that were deleted', () => {
    expect(run({}, staffUpdate({ gone_field: 'kept' }))).toEqual({ gone_field: 'kept' });
  });
});

describe('validateCustomFieldValues: required fields', () => {
  const filled = { order_no: 'PO-1', agree_terms: true, staff_only: 's' };

  it('accepts a create with every applicable required field', () => {
    expect(run(filled, staffCreate, 'inquiry', requiredDefs)).toEqual(filled);
  });

  it('names each missing required field on create', () => {
    expect(errorsOf({}, staffCreate, 'inquiry', requiredDefs)).toEqual({
      'customFields.order_no': m.required, 'customFields.agree_terms': m.mustBeChecked, 'customFields.staff_only': m.required,
    });
  });

  it('counts blank text and null as missing', () => {
    expect(errorsOf({ ...filled, order_no: '  ' }, staffCreate, 'inquiry', requiredDefs)).toEqual({ 'customFields.order_no': m.required });
    expect(errorsOf({ ...filled, order_no: null }, staffCreate, 'inquiry', requiredDefs)).toEqual({ 'customFields.order_no': m.required });
  });

  it('requires a required checkbox to be checked', () => {
    expect(errorsOf({ ...filled, agree_terms: false }, staffCreate, 'inquiry', requiredDefs)).toEqual({ 'customFields.agree_terms': m.mustBeChecked });
  });

  it('requires a field limited to a type only on tickets of that type', () => {
    expect(errorsOf(filled, staffCreate, 'repair', requiredDefs)).toEqual({ 'customFields.repair_only': m.required });
  });

  it('does not require inactive fields', () => {
    expect(run(filled, staffCreate, 'inquiry', requiredDefs)).not.toHaveProperty('old_required');
  });

  it('does not require of a customer the fields the portal does not show', () => {
    expect(run({ order_no: 'PO-1', agree_terms: true }, customerCreate, 'inquiry', requiredDefs)).toEqual({ order_no: 'PO-1', agree_terms: true });
  });

  it('on update, leaves required fields alone when the patch does not touch them', () => {
    expect(run({ optional: 'x' }, staffUpdate({}), 'inquiry', requiredDefs)).toEqual({ optional: 'x' });
  });

  it('on update, refuses clearing a required field', () => {
    expect(errorsOf({ order_no: null }, staffUpdate(filled), 'inquiry', requiredDefs)).toEqual({ 'customFields.order_no': m.required });
    expect(errorsOf({ order_no: '' }, staffUpdate(filled), 'inquiry', requiredDefs)).toEqual({ 'customFields.order_no': m.required });
  });

  it('on update, refuses unchecking a required checkbox', () => {
    expect(errorsOf({ agree_terms: false }, staffUpdate(filled), 'inquiry', requiredDefs)).toEqual({ 'customFields.agree_terms': m.mustBeChecked });
  });
});

describe('validateCustomFieldValues: update merges with previous values', () => {
  it('applies a patch over the stored values', () => {
    expect(run({ quantity: 5 }, staffUpdate({ product: 'phone', quantity: 2 }))).toEqual({ product: 'phone', quantity: 5 });
  });

  it('removes a cleared field', () => {
    expect(run({ product: null, symptoms: [] }, staffUpdate({ product: 'phone', symptoms: ['heat'] }))).toEqual({});
  });

  it('does not change the previous object it was given', () => {
    const previous = { product: 'phone' };
    run({ product: 'laptop' }, staffUpdate(previous));
    expect(previous).toEqual({ product: 'phone' });
  });

  it('treats a missing previous as no values', () => {
    expect(run({ quantity: 5 }, { mode: 'update', actor: 'staff' })).toEqual({ quantity: 5 });
  });

  it('still type-checks re-sent values', () => {
    expect(Object.keys(errorsOf({ quantity: '2' }, staffUpdate({ quantity: 2 })))).toEqual(['customFields.quantity']);
  });

  it('ignores previous values in create mode', () => {
    expect(run({ quantity: 5 }, { mode: 'create', actor: 'staff', previous: { product: 'phone' } })).toEqual({ quantity: 5 });
  });
});
