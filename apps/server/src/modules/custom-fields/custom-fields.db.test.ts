import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CustomField } from '@kefu/contracts';
import { createTestApp, unique, type TestApp } from '../../test/test-app.js';
import { auditOf, expectProblem, ok } from '../../test/factories.js';
import { loadCustomFieldDefs } from './custom-fields.cache.js';
import { deleteCustomField } from './custom-fields.service.js';
import { systemContext } from '../auth/index.js';
import { openPostgres } from '../../platform/db/client.js';

let t: TestApp;
let admin: string;
let agent: string;
let customer: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.adminSession();
  agent = (await t.staff('agent')).cookie;
  customer = (await t.customerUser()).cookie;
});
afterAll(() => t.close());

const missing = '0190a5b4-0000-7000-8000-000000000000';
const label = (zh: string, en = zh) => ({ 'zh-CN': zh, en });
const opt = (value: string) => ({ value, label: label(`选项 ${value}`, `Option ${value}`) });
const key = () => unique('f_').toLowerCase().replace(/[^a-z0-9_]/g, '_');

const createField = (body: Record<string, unknown> = {}) =>
  ok<CustomField>(t, 201, 'POST', '/api/v1/custom-fields', admin, { key: key(), kind: 'text', label: label('序列号', 'Serial number'), ...body });
const list = async (auth: string, query = '') => (await ok<{ items: CustomField[] }>(t, 200, 'GET', `/api/v1/custom-fields${query}`, auth)).items;

describe('custom fields', () => {
  it('creates, reads, updates and deletes a field, with audit events', async () => {
    const k = key();
    const created = await ok<CustomField>(t, 201, 'POST', '/api/v1/custom-fields', admin, {
      key: k, kind: 'select', label: label('故障类型', 'Fault type'), options: [opt('screen'), opt('battery')],
      required: true, ticketTypes: ['repair', 'repair'], visibleToCustomer: true, helpText: label('请选择', 'Pick one'),
    });
    expect(created).toMatchObject({
      key: k, kind: 'select', required: true, ticketTypes: ['repair'], visibleToCustomer: true, active: true,
      options: [opt('screen'), opt('battery')], helpText: label('请选择', 'Pick one'), min: null, max: null, maxLength: null,
    });
    expect(await ok(t, 200, 'GET', `/api/v1/custom-fields/${created.id}`, agent)).toEqual(created);

    const updated = await ok<CustomField>(t, 200, 'PATCH', `/api/v1/custom-fields/${created.id}`, admin, {
      label: label('故障', 'Fault'), options: [opt('screen')], active: false, ticketTypes: [],
    });
    expect(updated).toMatchObject({ key: k, label: label('故障', 'Fault'), options: [opt('screen')], active: false, ticketTypes: [], required: true });
    expect((await list(admin)).find((f) => f.id === created.id)).toEqual(updated);

    await ok(t, 204, 'DELETE', `/api/v1/custom-fields/${created.id}`, admin);
    expectProblem(await t.call('GET', `/api/v1/custom-fields/${created.id}`, admin), 404, 'not_found');
    expect((await list(admin)).map((f) => f.id)).not.toContain(created.id);
    expect((await auditOf(t, created.id)).map((e) => e.action)).toEqual(['custom_field.created', 'custom_field.updated', 'custom_field.deleted']);
  });

  it('lists in position order and filters by ticket type and active', async () => {
    const all = await createField({ ticketTypes: [] });
    const repair = await createField({ ticketTypes: ['repair'] });
    const complaint = await createField({ ticketTypes: ['complaint', 'suggestion'] });
    const off = await createField({ active: false, ticketTypes: ['repair'] });
    const ids = (items: CustomField[]) => items.map((f) => f.id).filter((id) => [all.id, repair.id, complaint.id, off.id].includes(id));
    expect(ids(await list(agent))).toEqual([all.id, repair.id, complaint.id, off.id]);
    expect(ids(await list(agent, '?ticketType=repair'))).toEqual([all.id, repair.id, off.id]);
    expect(ids(await list(agent, '?ticketType=repair&active=true'))).toEqual([all.id, repair.id]);
    expect(ids(await list(agent, '?active=false'))).toEqual([off.id]);
    expectProblem(await t.call('GET', '/api/v1/custom-fields?ticketType=refund', agent), 400, 'validation_failed', 'ticketType');
    expectProblem(await t.call('GET', '/api/v1/custom-fields?active=yes', agent), 400, 'validation_failed', 'active');
    const positions = (await list(agent)).map((f) => f.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('shows a customer only active fields visible in the portal; others answer 404', async () => {
    const shown = await createField({ visibleToCustomer: true });
    const hidden = await createField({ visibleToCustomer: false });
    const retired = await createField({ visibleToCustomer: true, active: false });
    const seen = (await list(customer)).map((f) => f.id);
    expect(seen).toContain(shown.id);
    expect(seen).not.toContain(hidden.id);
    expect(seen).not.toContain(retired.id);
    expect(await list(customer, '?active=false')).toEqual([]);
    expect(await ok(t, 200, 'GET', `/api/v1/custom-fields/${shown.id}`, customer)).toEqual(shown);
    expectProblem(await t.call('GET', `/api/v1/custom-fields/${hidden.id}`, customer), 404, 'not_found');
    expectProblem(await t.call('GET', `/api/v1/custom-fields/${retired.id}`, customer), 404, 'not_found');
  });

  it('lets only admins write', async () => {
    const field = await createField();
    for (const who of [agent, customer]) {
      expectProblem(await t.call('POST', '/api/v1/custom-fields', who, { key: key(), kind: 'text', label: label('x') }), 403, 'forbidden');
      expectProblem(await t.call('PATCH', `/api/v1/custom-fields/${field.id}`, who, { required: true }), 403, 'forbidden');
      expectProblem(await t.call('DELETE', `/api/v1/custom-fields/${field.id}`, who), 403, 'forbidden');
      expectProblem(await t.call('POST', '/api/v1/custom-fields/reorder', who, { ids: [field.id] }), 403, 'forbidden');
    }
    expectProblem(await t.call('GET', '/api/v1/custom-fields', null), 401, 'unauthenticated');
    expect(await ok(t, 200, 'GET', `/api/v1/custom-fields/${field.id}`, admin)).toEqual(field);
  });

  it('answers 404 for a field that does not exist', async () => {
    expectProblem(await t.call('GET', `/api/v1/custom-fields/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('PATCH', `/api/v1/custom-fields/${missing}`, admin, { required: true }), 404, 'not_found');
    expectProblem(await t.call('DELETE', `/api/v1/custom-fields/${missing}`, admin), 404, 'not_found');
    expectProblem(await t.call('GET', '/api/v1/custom-fields/not-a-uuid', admin), 400, 'validation_failed', 'id');
  });

  it('answers 409 naming key for a key already taken', async () => {
    const field = await createField();
    expectProblem(await t.call('POST', '/api/v1/custom-fields', admin, { key: field.key, kind: 'number', label: label('重复') }), 409, 'already_exists', 'key');
  });

  it.each([
    ['an upper-case letter', 'Serial'],
    ['a leading digit', '1serial'],
    ['a leading underscore', '_serial'],
    ['a hyphen', 'serial-no'],
    ['a space', 'serial no'],
    ['Chinese', '序列号'],
    ['41 characters', `a${'b'.repeat(40)}`],
    ['an empty string', ''],
  ])('refuses a key with %s, naming key', async (_name, bad) => {
    expectProblem(await t.call('POST', '/api/v1/custom-fields', admin, { key: bad, kind: 'text', label: label('x') }), 400, 'validation_failed', 'key');
  });

  it('refuses changing key or kind after creation', async () => {
    const field = await createField();
    expectProblem(await t.call('PATCH', `/api/v1/custom-fields/${field.id}`, admin, { key: 'renamed' }), 400, 'validation_failed', 'key');
    expectProblem(await t.call('PATCH', `/api/v1/custom-fields/${field.id}`, admin, { kind: 'number' }), 400, 'validation_failed', 'kind');
  });

  it('validates options by kind: select needs options, others may not have them, values are unique and at most 200', async () => {
    const post = (body: Record<string, unknown>) => t.call('POST', '/api/v1/custom-fields', admin, { key: key(), label: label('x'), ...body });
    expectProblem(await post({ kind: 'select' }), 400, 'validation_failed', 'options');
    expectProblem(await post({ kind: 'multi_select', options: [] }), 400, 'validation_failed', 'options');
    expectProblem(await post({ kind: 'text', options: [opt('a')] }), 400, 'validation_failed', 'options');
    expectProblem(await post({ kind: 'select', options: [opt('a'), opt('a')] }), 400, 'validation_failed', 'options.1.value');
    const many = Array.from({ length: 201 }, (_, i) => opt(`v${i}`));
    expectProblem(await post({ kind: 'select', options: many }), 400, 'validation_failed', 'options');
    expect((await ok<CustomField>(t, 201, 'POST', '/api/v1/custom-fields', admin, { key: key(), kind: 'select', label: label('x'), options: many.slice(0, 200) })).options).toHaveLength(200);
    expectProblem(await post({ kind: 'select', options: [{ value: 'a', label: { 'zh-CN': '甲' } }] }), 400, 'validation_failed', 'options.0.label.en');
    expectProblem(await post({ kind: 'select', options: [{ value: '', label: label('空') }] }), 400, 'validation_failed', 'options.0.value');
  });

  it('checks the merged record on update: removing every option of a select is refused', async () => {
    const field = await createField({ kind: 'select', options: [opt('a')] });
    expectProblem(await t.call('PATCH', `/api/v1/custom-fields/${field.id}`, admin, { options: [] }), 400, 'validation_failed', 'options');
    const text = await createField();
    expectProblem(await t.call('PATCH', `/api/v1/custom-fields/${text.id}`, admin, { min: 1 }), 400, 'validation_failed', 'min');
    expect(await ok(t, 200, 'GET', `/api/v1/custom-fields/${field.id}`, admin)).toEqual(field);
  });

  it('validates number bounds and text length', async () => {
    const post = (body: Record<string, unknown>) => t.call('POST', '/api/v1/custom-fields', admin, { key: key(), label: label('x'), ...body });
    expectProblem(await post({ kind: 'number', min: 10, max: 1 }), 400, 'validation_failed', 'min');
    expectProblem(await post({ kind: 'number', min: '1' }), 400, 'validation_failed', 'min');
    expectProblem(await post({ kind: 'text', maxLength: 10_001 }), 400, 'validation_failed', 'maxLength');
    expectProblem(await post({ kind: 'text', maxLength: 0 }), 400, 'validation_failed', 'maxLength');
    expectProblem(await post({ kind: 'date', maxLength: 10 }), 400, 'validation_failed', 'maxLength');
    expect(await ok(t, 201, 'POST', '/api/v1/custom-fields', admin, { key: key(), kind: 'number', label: label('数量'), min: 0, max: 0 })).toMatchObject({ min: 0, max: 0 });
  });

  it('refuses hostile input: missing labels, control characters, oversized text, unknown fields, wrong types', async () => {
    const post = (body: Record<string, unknown>) => t.call('POST', '/api/v1/custom-fields', admin, { key: key(), kind: 'text', label: label('x'), ...body });
    expectProblem(await post({ label: { 'zh-CN': '只有中文' } }), 400, 'validation_failed', 'label.en');
    expectProblem(await post({ label: label('a\u0000b') }), 400, 'validation_failed', 'label.zh-CN');
    expectProblem(await post({ label: label('x'.repeat(201)) }), 400, 'validation_failed', 'label.zh-CN');
    expectProblem(await post({ helpText: label('y'.repeat(1001)) }), 400, 'validation_failed', 'helpText.zh-CN');
    expectProblem(await post({ position: 3 }), 400, 'validation_failed');
    expectProblem(await post({ required: 'yes' }), 400, 'validation_failed', 'required');
    expectProblem(await post({ ticketTypes: ['refund'] }), 400, 'validation_failed', 'ticketTypes.0');
    expectProblem(await post({ kind: 'file' }), 400, 'validation_failed', 'kind');
    expectProblem(await t.call('POST', '/api/v1/custom-fields', admin, '{"key":'), 400, 'malformed_json');
    const script = await createField({ label: label('<script>alert(1)</script>') });
    expect(script.label['zh-CN']).toBe('<script>alert(1)</script>');
  });

  it('reorders the listed fields within the places they hold, leaving others in place', async () => {
    const [a, b, c, d] = [await createField(), await createField(), await createField(), await createField()];
    const mine = (items: CustomField[]) => items.map((f) => f.id).filter((id) => [a.id, b.id, c.id, d.id].includes(id));
    const all = await ok<{ items: CustomField[] }>(t, 200, 'POST', '/api/v1/custom-fields/reorder', admin, { ids: [d.id, b.id] });
    expect(mine(all.items)).toEqual([a.id, d.id, c.id, b.id]);
    expect(mine(await list(agent))).toEqual([a.id, d.id, c.id, b.id]);
    const moved = await ok<{ items: CustomField[] }>(t, 200, 'POST', '/api/v1/custom-fields/reorder', admin, { ids: [c.id, a.id, b.id, d.id] });
    expect(mine(moved.items)).toEqual([c.id, a.id, b.id, d.id]);
    const positions = moved.items.map((f) => f.position);
    expect(new Set(positions).size).toBe(positions.length);
    expect((await auditOf(t, a.id)).map((e) => e.action)).toEqual(['custom_field.created']);
  });

  it('refuses a reorder naming an unknown id or repeating one, and changes nothing', async () => {
    const [a, b] = [await createField(), await createField()];
    const before = (await list(admin)).map((f) => f.id);
    expectProblem(await t.call('POST', '/api/v1/custom-fields/reorder', admin, { ids: [b.id, missing] }), 400, 'validation_failed', 'ids');
    expectProblem(await t.call('POST', '/api/v1/custom-fields/reorder', admin, { ids: [b.id, a.id, b.id] }), 400, 'validation_failed', 'ids');
    expectProblem(await t.call('POST', '/api/v1/custom-fields/reorder', admin, { ids: [] }), 400, 'validation_failed', 'ids');
    expectProblem(await t.call('POST', '/api/v1/custom-fields/reorder', admin, { ids: ['x'] }), 400, 'validation_failed', 'ids.0');
    expect((await list(admin)).map((f) => f.id)).toEqual(before);
  });

  it('refuses to delete a field in use with 409, telling to deactivate it', async () => {
    const used = await createField();
    const free = await createField();
    const deps = { ...t.deps, isFieldInUse: async (k: string) => k === used.key };
    const me = (await ok(t, 200, 'GET', '/api/v1/me', admin)).user as { id: string; email: string; name: string };
    const ctx = systemContext({ userId: me.id, email: me.email, name: me.name, role: 'admin', userRole: 'admin', locale: 'en', customerId: null, via: 'session' });
    await expect(deleteCustomField(deps, ctx, used.id)).rejects.toMatchObject({ code: 'conflict', extra: { errors: [{ field: 'active' }] } });
    expect(await ok(t, 200, 'GET', `/api/v1/custom-fields/${used.id}`, admin)).toEqual(used);
    await deleteCustomField(deps, ctx, free.id);
    expectProblem(await t.call('GET', `/api/v1/custom-fields/${free.id}`, admin), 404, 'not_found');
  });

  it('keeps the in-process definitions current after every change', async () => {
    const field = await createField();
    expect((await loadCustomFieldDefs(t.deps.db)).find((f) => f.id === field.id)).toEqual(field);
    await ok(t, 200, 'PATCH', `/api/v1/custom-fields/${field.id}`, admin, { required: true });
    expect((await loadCustomFieldDefs(t.deps.db)).find((f) => f.id === field.id)?.required).toBe(true);
    await ok(t, 204, 'DELETE', `/api/v1/custom-fields/${field.id}`, admin);
    expect((await loadCustomFieldDefs(t.deps.db)).find((f) => f.id === field.id)).toBeUndefined();
  });
});

describe.skipIf(inject('dbDriver') !== 'postgres')('custom field definitions across two instances', () => {
  it('drops the other instance\'s cached definitions when a field changes', async () => {
    const b = await createTestApp({}, { database: await openPostgres(t.database.url!, 2) });
    try {
      const field = await createField();
      const cachedOnB = async () => (await loadCustomFieldDefs(b.deps.db)).find((f) => f.id === field.id);
      // Warm b's cache, then change the field through a: only a NOTIFY can tell b.
      for (let i = 0; i < 100 && !(await cachedOnB()); i++) await new Promise((r) => setTimeout(r, 50));
      expect(await cachedOnB()).toMatchObject({ required: false });
      await ok(t, 200, 'PATCH', `/api/v1/custom-fields/${field.id}`, admin, { required: true });
      for (let i = 0; i < 100 && !(await cachedOnB())?.required; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await cachedOnB()).toMatchObject({ required: true });
    } finally {
      await b.close();
    }
  });
});
