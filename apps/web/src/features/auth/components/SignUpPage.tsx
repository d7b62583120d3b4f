import { useState } from 'react';
import { Alert, Button, Form, Input, Result } from 'antd';
import { MailOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { limits, registerBodySchema, type Locale } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { currentLocale } from '../../../i18n';
import { usePortalSettings } from '../../portal-settings/hooks/use-portal-settings';
import { register } from '../api';
import { accountFormError } from './account-errors';
import { AccountFrame } from './AccountFrame';
import { NewPasswordFields } from './NewPasswordFields';

interface SignUpValues {
  name: string;
  email: string;
  password: string;
  confirm: string;
}

/** Portal sign-up: an account that opens once the address is verified by the mailed link. */
export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignUpValues>();
  const { settings, isPending } = usePortalSettings();
  const [banner, setBanner] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: SignUpValues) => register({ name: v.name, email: v.email, password: v.password, locale: currentLocale() as Locale }),
    onSuccess: (_, v) => navigate(`/check-email?for=signup&email=${encodeURIComponent(v.email.trim().toLowerCase())}`),
    onError: (error) => setBanner(accountFormError(form, error, ['name', 'email', 'password'], t)),
  });

  if (!isPending && settings.signupMode === 'invitation') {
    return (
      <AccountFrame title={t('accounts.signup.title')}>
        <Result status="info" title={t('accounts.signup.invitationOnly')} subTitle={t('accounts.signup.invitationOnlyHint')} extra={<Link to="/login">{t('accounts.backToLogin')}</Link>} />
      </AccountFrame>
    );
  }
  return (
    <AccountFrame
      title={t('accounts.signup.title')}
      subtitle={t('accounts.signup.subtitle')}
      footer={<>{t('accounts.signup.haveAccount')} <Link to="/login">{t('accounts.signup.signIn')}</Link></>}
    >
      {banner ? <Alert type="error" showIcon title={banner} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<SignUpValues> form={form} name="signup" layout="vertical" requiredMark={false} onFinish={(v) => { setBanner(null); mutation.mutate(v); }}>
        <Form.Item name="name" label={t('accounts.fields.name')} rules={[zodRule(registerBodySchema.shape.name, t)]}>
          <Input prefix={<UserOutlined />} autoComplete="name" maxLength={limits.name} autoFocus />
        </Form.Item>
        <Form.Item name="email" label={t('login.email')} rules={[zodRule(registerBodySchema.shape.email, t)]}>
          <Input prefix={<MailOutlined />} type="email" autoComplete="email" maxLength={limits.email} />
        </Form.Item>
        <NewPasswordFields />
        <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>{t('accounts.signup.submit')}</Button>
      </Form>
    </AccountFrame>
  );
}
