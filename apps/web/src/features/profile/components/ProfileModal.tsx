import { useState } from 'react';
import { Alert, App, Descriptions, Divider, Form, Input, Modal, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { limits, updateMeBodySchema, type Locale, type UpdateMeBody } from '@kefu/contracts';
import { applyLocale, rememberLocale } from '../../../i18n';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { localeOptions } from '../../../shared/forms/locale-options';
import { applyServerErrors } from '../../../shared/forms/server-errors';
import { zodRule } from '../../../shared/forms/zod-rule';
import { RoleTag } from '../../../shared/ui/RoleTag';
import { isStaff, useCurrentUser, useUpdateMe } from '../../auth/hooks/use-session';
import { NotificationPreferencesTable } from './NotificationPreferencesTable';

interface ProfileValues {
  name: string;
  locale: Locale;
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

const shape = updateMeBodySchema.shape;
const fields = ['name', 'locale', 'currentPassword', 'newPassword'] as const;

export function ProfileModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const update = useUpdateMe();
  const [form] = Form.useForm<ProfileValues>();
  const [banner, setBanner] = useState<string | null>(null);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body: UpdateMeBody = {};
    if (values.name !== user.name) body.name = values.name;
    if (values.locale !== user.locale) body.locale = values.locale;
    if (values.newPassword) {
      body.newPassword = values.newPassword;
      body.currentPassword = values.currentPassword ?? '';
    }
    setBanner(null);
    try {
      if (Object.keys(body).length > 0) await update.mutateAsync(body);
      if (body.locale) {
        rememberLocale(body.locale);
        await applyLocale(body.locale);
      }
      void message.success(t('profile.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyServerErrors(form, error, fields, t);
      // A wrong current password is that field's problem, not the whole form's.
      const wrongPassword =
        isApiError(error) &&
        (error.code === 'invalid_credentials' || error.fieldErrors.some((f) => f.field === 'currentPassword'));
      if (wrongPassword) form.setFields([{ name: 'currentPassword', errors: [t('profile.currentPasswordIncorrect')] }]);
      const mapped = form.getFieldsError().some((f) => f.errors.length > 0);
      setBanner(mapped && unmatched.length === 0 ? null : [problemMessage(error, t), ...unmatched].join(' '));
    }
  };

  const profileTab = (
    <>
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'email', label: t('profile.email'), children: user.email },
          { key: 'role', label: t('profile.role'), children: <RoleTag role={user.role} /> },
        ]}
      />
      {banner ? <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} /> : null}
      <Form<ProfileValues>
        form={form}
        name="profile"
        layout="vertical"
        preserve={false}
        initialValues={{ name: user.name, locale: user.locale }}
      >
        <Form.Item name="name" label={t('profile.name')} rules={[zodRule(shape.name, t)]} required>
          <Input maxLength={limits.name} />
        </Form.Item>
        <Form.Item name="locale" label={t('profile.locale')}>
          <Select options={localeOptions(t)} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('profile.changePassword')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('profile.changePasswordHint')}
        </Typography.Paragraph>
        <Form.Item
          name="currentPassword"
          label={t('profile.currentPassword')}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (getFieldValue('newPassword') && !value) throw new Error(t('validation.currentPasswordRequired'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          rules={[zodRule(shape.newPassword, t, { emptyIsUnset: true })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if ((getFieldValue('newPassword') ?? '') !== (value ?? '')) throw new Error(t('validation.passwordMismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </>
  );

  return (
    <Modal
      open={open}
      title={t('profile.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={isStaff(user.role) ? 600 : 520}
    >
      {isStaff(user.role) ? (
        <Tabs
          items={[
            { key: 'profile', label: t('profile.tabs.profile'), children: profileTab },
            { key: 'notifications', label: t('profile.tabs.notifications'), children: <NotificationPreferencesTable /> },
          ]}
        />
      ) : (
        profileTab
      )}
    </Modal>
  );
}
