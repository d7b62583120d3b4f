import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { createCustomerBodySchema, limits } from '@kefu/contracts';
import { EntitySelect } from '../../../shared/forms/EntitySelect';
import { localeOptions } from '../../../shared/forms/locale-options';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { zodRule } from '../../../shared/forms/zod-rule';
import { organizationOptions } from '../../organizations/api';

const shape = createCustomerBodySchema.shape;

export function CustomerFormFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="name" label={t('customers.name')} rules={[zodRule(shape.name, t)]}>
        <Input maxLength={limits.name} autoComplete="off" />
      </Form.Item>
      <Form.Item name="emails" label={t('customers.emails')} extra={t('customers.emailsHelp')} rules={[zodRule(shape.emails, t)]}>
        <TagsInput maxCount={limits.emails} />
      </Form.Item>
      <Form.Item name="phones" label={t('customers.phones')} extra={t('customers.phonesHelp')} rules={[zodRule(shape.phones, t)]}>
        <TagsInput maxCount={limits.phones} />
      </Form.Item>
      <Form.Item name="organizationId" label={t('customers.organization')}>
        <EntitySelect {...organizationOptions} allowClear placeholder={t('customers.organizationPlaceholder')} />
      </Form.Item>
      <Form.Item name="locale" label={t('customers.locale')} rules={[zodRule(shape.locale, t)]}>
        <Select options={localeOptions(t)} />
      </Form.Item>
      <Form.Item name="tags" label={t('customers.tags')} rules={[zodRule(shape.tags, t)]}>
        <TagsInput maxCount={limits.tags} />
      </Form.Item>
      <Form.Item name="notes" label={t('customers.notes')} rules={[zodRule(shape.notes, t)]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={limits.note} />
      </Form.Item>
    </>
  );
}
