import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { CheckCircleFilled, LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { limits, loginBodySchema } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { zodRule } from '../../../shared/forms/zod-rule';
import { BrandMark } from '../../../shared/ui/Brand';
import { clearSessionExpired, sessionExpired } from '../api';
import { homeFor, useLogin, useSession } from '../hooks/use-session';
import { LanguageSwitch } from './LanguageSwitch';
import './login.css';

interface LoginValues {
  email: string;
  password: string;
}

/** Only same-site paths: `next` comes from the URL, so it must not send users elsewhere. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

function useCountdown() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  const left = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return { left, start: (seconds: number) => (setNow(Date.now()), setUntil(Date.now() + seconds * 1000)) };
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { user, isPending } = useSession();
  const login = useLogin();
  const cooldown = useCountdown();
  const [error, setError] = useState<unknown>(null);
  const [expired] = useState(sessionExpired);
  useEffect(clearSessionExpired, []);
  const next = safeNext(params.get('next'));

  // Signed in already, or just now: the session query now holds the user.
  if (!isPending && user) return <Navigate to={next ?? homeFor(user.role)} replace />;

  const onFinish = (values: LoginValues) => {
    setError(null);
    login.mutate(values, {
      onError: (e) => {
        setError(e);
        if (isApiError(e) && e.code === 'too_many_requests') cooldown.start(e.problem.retryAfterSeconds ?? 60);
      },
    });
  };

  const errorText = (() => {
    if (!error) return null;
    if (isApiError(error) && error.code === 'too_many_requests') {
      return cooldown.left > 0 ? t('errors.too_many_requests', { seconds: cooldown.left }) : null;
    }
    return problemMessage(error, t);
  })();

  return (
    <div className="kefu-login">
      <aside className="kefu-login__hero">
        <Flex align="center" gap={12}>
          <BrandMark size={40} />
          <div>
            <div className="kefu-login__brand">{t('app.name')}</div>
            <div className="kefu-login__tagline">{t('app.tagline')}</div>
          </div>
        </Flex>
        <div>
          <h1 className="kefu-login__headline">{t('login.heroTitle')}</h1>
          <p className="kefu-login__lead">{t('login.heroText')}</p>
          <ul className="kefu-login__points">
            {(['heroPoint1', 'heroPoint2', 'heroPoint3'] as const).map((key) => (
              <li key={key}>
                <CheckCircleFilled /> {t(`login.${key}`)}
              </li>
            ))}
          </ul>
        </div>
        <div className="kefu-login__foot">{t('login.footer')}</div>
      </aside>
      <main className="kefu-login__panel">
        <Flex justify="flex-end">
          <LanguageSwitch />
        </Flex>
        <div className="kefu-login__form">
          <Typography.Title level={2} style={{ marginBottom: 4 }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 28 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          {expired && !errorText ? (
            <Alert type="info" showIcon title={t('errors.unauthenticated')} style={{ marginBottom: 20 }} />
          ) : null}
          {errorText ? <Alert type="error" showIcon title={errorText} style={{ marginBottom: 20 }} role="alert" /> : null}
          <Form<LoginValues> name="login" layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
            <Form.Item name="email" label={t('login.email')} rules={[zodRule(loginBodySchema.shape.email, t)]}>
              <Input prefix={<MailOutlined />} type="email" autoComplete="username" maxLength={limits.email} autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[zodRule(loginBodySchema.shape.password, t)]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={limits.password.max} />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
              disabled={cooldown.left > 0}
              style={{ marginTop: 8 }}
            >
              {cooldown.left > 0 ? t('login.cooldown', { seconds: cooldown.left }) : t('login.submit')}
            </Button>
          </Form>
        </div>
        <div />
      </main>
    </div>
  );
}
