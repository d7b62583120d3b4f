import { useState } from 'react';
import { Button, Flex, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { emailOnlyBodySchema, limits } from '@kefu/contracts';
import { zodRule } from '../../../shared/forms/zod-rule';
import { problemMessage } from '../../../shared/api/problem-message';
import { resendVerification, verifyEmail } from '../api';
import { LinkLanding } from './LinkLanding';

/** Asks for a new mail of some kind, then shows "check your mail". */
export function RenewByEmail({ purpose, send, label }: { purpose: 'signup' | 'reset' | 'link'; send: (email: string) => Promise<unknown>; label: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (email: string) => send(email),
    onSuccess: (_, email) => navigate(`/check-email?for=${purpose}&email=${encodeURIComponent(email.trim().toLowerCase())}`),
    onError: (e) => setError(problemMessage(e, t)),
  });
  return (
    <Form<{ email: string }> layout="vertical" requiredMark={false} onFinish={({ email }) => mutation.mutate(email)} style={{ textAlign: 'start' }}>
      <Form.Item name="email" label={t('login.email')} rules={[zodRule(emailOnlyBodySchema.shape.email, t)]} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
        <Input type="email" autoComplete="email" maxLength={limits.email} />
      </Form.Item>
      <Flex justify="center"><Button type="primary" htmlType="submit" loading={mutation.isPending}>{label}</Button></Flex>
    </Form>
  );
}

/** /verify?token=…: the link in the verification mail; verifies the address and signs in. */
export function VerifyPage() {
  const { t } = useTranslation();
  return (
    <LinkLanding
      kind="verify"
      title={t('accounts.verify.title')}
      run={verifyEmail}
      renew={<RenewByEmail purpose="signup" send={resendVerification} label={t('accounts.check.resend')} />}
    />
  );
}
