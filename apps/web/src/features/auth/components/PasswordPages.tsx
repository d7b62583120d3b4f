import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { acceptInvitationBodySchema, limits, type SessionUser } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { acceptInvitation, confirmPasswordReset, requestPasswordReset } from '../api';
import { homeFor } from '../hooks/use-session';
import { linkProblem, useAdoptSession, type LinkProblemKey } from '../hooks/use-account';
import { accountFormError } from './account-errors';
import { AccountFrame } from './AccountFrame';
import { NewPasswordFields } from './NewPasswordFields';
import { RenewByEmail } from './VerifyPage';

/** /forgot-password: mails a reset link (staff and customers); the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  return (
    <AccountFrame title={t('accounts.forgot.title')} subtitle={t('accounts.forgot.subtitle')} footer={<Link to="/login">{t('accounts.backToLogin')}</Link>}>
      <RenewByEmail purpose="reset" send={requestPasswordReset} label={t('accounts.forgot.submit')} />
    </AccountFrame>
  );
}

interface PasswordValues {
  name?: string;
  password: string;
  confirm: string;
}

/** Choose a password from a mailed link: a reset, or an invitation (which may also set the name). */
function SetPasswordPage({ purpose }: { purpose: 'reset' | 'invitation' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<PasswordValues>();
  const adopt = useAdoptSession();
  const [banner, setBanner] = useState<string | null>(null);
  const [done, setDone] = useState<SessionUser | null>(null);
  const [linkKey, setLinkKey] = useState<LinkProblemKey | null>(token ? null : 'accounts.link.invalid');
  const mutation = useMutation({
    mutationFn: (v: PasswordValues) =>
      purpose === 'reset'
        ? confirmPasswordReset({ token, password: v.password })
        : acceptInvitation({ token, password: v.password, ...(v.name?.trim() ? { name: v.name.trim() } : {}) }),
    onSuccess: (result) => {
      adopt(result);
      setDone(result.user);
    },
    onError: (error) => {
      const link = linkProblem(error);
      if (link.key) setLinkKey(link.key);
      else setBanner(accountFormError(form, error, ['name', 'password'], t));
    },
  });
  if (done) return <Navigate to={homeFor(done.role)} replace />;
  const title = purpose === 'reset' ? t('accounts.reset.title') : t('accounts.invitation.title');
  return (
    <AccountFrame title={title} subtitle={purpose === 'reset' ? t('accounts.reset.subtitle') : t('accounts.invitation.subtitle')} footer={<Link to="/login">{t('accounts.backToLogin')}</Link>}>
      {linkKey ? (
        <>
          <Alert type="warning" showIcon title={t(linkKey)} role="alert" style={{ marginBottom: 16 }} />
          {purpose === 'reset' && linkKey !== 'accounts.link.used' ? <RenewByEmail purpose="reset" send={requestPasswordReset} label={t('accounts.forgot.submit')} /> : null}
          {purpose === 'invitation' && linkKey !== 'accounts.link.used' ? <Alert type="info" title={t('accounts.invitation.askAgain')} /> : null}
        </>
      ) : (
        <>
          {banner ? <Alert type="error" showIcon title={banner} role="alert" style={{ marginBottom: 16 }} /> : null}
          <Form<PasswordValues> form={form} name={`set-password-${purpose}`} layout="vertical" requiredMark={false} onFinish={(v) => { setBanner(null); mutation.mutate(v); }}>
            {purpose === 'invitation' ? (
              <Form.Item name="name" label={t('accounts.fields.nameOptional')} rules={[zodRule(acceptInvitationBodySchema.shape.name, t)]}>
                <Input autoComplete="name" maxLength={limits.name} />
              </Form.Item>
            ) : null}
            <NewPasswordFields />
            <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
              {purpose === 'reset' ? t('accounts.reset.submit') : t('accounts.invitation.submit')}
            </Button>
          </Form>
        </>
      )}
    </AccountFrame>
  );
}

export const ResetPasswordPage = () => <SetPasswordPage purpose="reset" />;
export const AcceptInvitationPage = () => <SetPasswordPage purpose="invitation" />;
