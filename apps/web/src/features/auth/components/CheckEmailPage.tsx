import { useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { emailOnlyBodySchema } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { requestLoginLink, requestPasswordReset, resendVerification } from '../api';
import { AccountFrame } from './AccountFrame';

type Purpose = 'signup' | 'reset' | 'link';
const purposes: readonly Purpose[] = ['signup', 'reset', 'link'];
const resend: Record<Purpose, (email: string) => Promise<unknown>> = { signup: resendVerification, reset: requestPasswordReset, link: requestLoginLink };

/** "Check your mail": what was sent, where, and a way to send it again. */
export function CheckEmailPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const purpose = purposes.find((p) => p === params.get('for')) ?? 'signup';
  const parsed = emailOnlyBodySchema.shape.email.safeParse(params.get('email') ?? '');
  const email = parsed.success ? parsed.data : null;
  const [sent, setSent] = useState(false);
  const again = useMutation({ mutationFn: () => resend[purpose](email!), onSuccess: () => setSent(true) });

  return (
    <AccountFrame title={t('accounts.check.title')}>
      <Flex vertical align="center" gap={12} style={{ textAlign: 'center' }}>
        <MailOutlined style={{ fontSize: 48, color: 'var(--ant-color-primary)' }} />
        <Typography.Paragraph style={{ fontSize: 16, margin: 0, overflowWrap: 'anywhere' }}>
          {email ? t(`accounts.check.${purpose}`, { email }) : t(`accounts.check.${purpose}NoEmail`)}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('accounts.check.hint')}</Typography.Text>
        {sent ? <Alert type="success" showIcon title={t('accounts.check.sentAgain')} /> : null}
        {again.isError ? <Alert type="error" showIcon title={problemMessage(again.error, t)} role="alert" /> : null}
        {email ? <Button onClick={() => again.mutate()} loading={again.isPending}>{t('accounts.check.resend')}</Button> : null}
        <Link to="/login">{t('accounts.backToLogin')}</Link>
      </Flex>
    </AccountFrame>
  );
}
