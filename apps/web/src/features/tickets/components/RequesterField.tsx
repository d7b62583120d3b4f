import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@kefu/contracts';
import { emailSchema, phoneSchema, requesterInputSchema } from '@kefu/contracts';
import { EntitySelect, type EntityOption } from '../../../shared/forms/EntitySelect';
import { zodRule } from '../../../shared/forms/zod-rule';
import { customersResource, getCustomer, listCustomers } from '../../customers/api';

/** The select's value meaning "someone we do not know yet": name and a contact are typed in. */
export const NEW_REQUESTER = '__new__';

const contactOf = (c: Customer) => c.emails[0] ?? c.phones[0];
const toOption = (c: Customer): EntityOption => ({ value: c.id, label: contactOf(c) ? `${c.name} · ${contactOf(c)}` : c.name });

/**
 * The ticket's requester: an existing customer found by name, email or phone, or a new one. A new
 * requester is found or created by the server from the email/phone, so repeat callers stay one.
 */
export function RequesterField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const requesterId = Form.useWatch<string | undefined>('requesterId', form);
  const newOption: EntityOption = { value: NEW_REQUESTER, label: t('tickets.form.newRequester') };
  const options = {
    resource: `${customersResource}-requester`,
    search: async (q: string | undefined, signal: AbortSignal) => [
      ...(await listCustomers({ q, limit: 20 }, signal)).items.map(toOption),
      newOption,
    ],
    lookup: async (id: string) => (id === NEW_REQUESTER ? newOption : toOption(await getCustomer(id))),
  };

  return (
    <>
      <Form.Item name="requesterId" label={t('tickets.fields.requester')} rules={[{ required: true, message: t('tickets.form.requesterRequired') }]}>
        <EntitySelect {...options} allowClear placeholder={t('tickets.form.requesterPlaceholder')} />
      </Form.Item>
      {requesterId === NEW_REQUESTER ? (
        <div style={{ padding: '12px 12px 0', marginBottom: 16, background: 'var(--ant-color-fill-quaternary)', borderRadius: 8 }}>
          <Form.Item name={['requester', 'name']} label={t('tickets.form.requesterName')} rules={[zodRule(requesterInputSchema.shape.name, t)]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name={['requester', 'email']}
            label={t('tickets.form.requesterEmail')}
            dependencies={[['requester', 'phone']]}
            rules={[
              zodRule(emailSchema.optional(), t, { emptyIsUnset: true }),
              ({ getFieldValue }) => ({
                validator: async (_r, v: unknown) => {
                  if (!v && !getFieldValue(['requester', 'phone'])) throw new Error(t('tickets.form.contactRequired'));
                },
              }),
            ]}
          >
            <Input type="email" />
          </Form.Item>
          <Form.Item name={['requester', 'phone']} label={t('tickets.form.requesterPhone')} rules={[zodRule(phoneSchema.optional(), t, { emptyIsUnset: true })]}>
            <Input />
          </Form.Item>
        </div>
      ) : null}
    </>
  );
}
