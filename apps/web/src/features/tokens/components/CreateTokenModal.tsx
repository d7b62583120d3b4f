import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createTokenBodySchema, limits, roleRank, roles, type Role } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';

interface TokenFormValues {
  name: string;
  role?: Role;
  expiresInDays?: number | null;
}

const shape = createTokenBodySchema.shape;
const fields = ['name', 'role', 'expiresInDays'] as const;

interface CreateTokenModalProps {
  open: boolean;
  ownerRole: Role;
  onCancel: () => void;
  onCreate: (body: { name: string; role?: Role; expiresInDays?: number }) => Promise<unknown>;
}

export function CreateTokenModal({ open, ownerRole, onCancel, onCreate }: CreateTokenModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TokenFormValues>();
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  // A token can only be limited to the owner's role or below.
  const roleChoices = roles.filter((role) => roleRank[role] <= roleRank[ownerRole]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setBanner(null);
    try {
      await onCreate({
        name: values.name,
        ...(values.role ? { role: values.role } : {}),
        ...(values.expiresInDays ? { expiresInDays: values.expiresInDays } : {}),
      });
    } catch (error) {
      const unmatched = applyServerErrors(form, error, fields, t);
      setBanner([problemMessage(error, t), ...unmatched].join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} /> : null}
      <Form<TokenFormValues> form={form} name="token" layout="vertical" preserve={false} initialValues={{ name: '' }}>
        <Form.Item name="name" label={t('tokens.name')} rules={[zodRule(shape.name, t)]}>
          <Input maxLength={limits.name} placeholder={t('tokens.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('tokens.role')} extra={t('tokens.roleHelp')}>
          <Select
            allowClear
            placeholder={t('tokens.roleDefault')}
            options={roleChoices.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('tokens.expiresInDays')}
          extra={t('tokens.expiresHelp')}
          rules={[zodRule(shape.expiresInDays, t, { emptyIsUnset: true })]}
        >
          <InputNumber min={1} max={3650} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tokens.usage')}
      </Typography.Text>
    </Modal>
  );
}
