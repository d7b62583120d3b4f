import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { CheckCircleFilled, LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { limits, loginBodySchema } from '@kefu/contracts';
import { isApiError } from '../../../shared/api/client';
import { problemMessage } from '../../../shared/api/problem-message';
import { zodRule } from '../../../shared/forms/zod-rule';
import { BrandMark } from '../../../shared/ui/Brand';
import { PortalTheme } from '../../portal-settings/components/PortalTheme';
import { usePortalSettings } from '../../portal-settings/hooks/use-portal-settings';
import { clearSessionExpired, sessionExpired } from '../api';
import { homeFor, useLogin, useSession } from '../hooks/use-session';
import { usePortalLanguages } from './AccountFrame';
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
  const { settings } = usePortalSettings();
  const languages = usePortalLanguages();
  const [email, setEmail] = useState('');

  // Signed in already, or just now: the session query now holds the user.
  if (!isPending && user) return <Navigate to={next ?? homeFor(user.role)} replace />;

  const onFinish = (values: LoginValues) => {
    setError(null);
    setEmail(values.email.trim().toLowerCase());
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

  const unverified = isApiError(error) && error.code === 'email_not_verified';
  return (
    <PortalTheme>
    <div className="kefu-login">
      <aside
        className="kefu-login__hero"
        // An admin's portal colour replaces the product's blue; the default keeps the stylesheet's gradient.
        style={settings.primaryColor !== '#1d4ed8' ? { background: `linear-gradient(160deg, color-mix(in srgb, ${settings.primaryColor} 65%, #000) 0%, ${settings.primaryColor} 100%)` } : undefined}
      >
        <Flex align="center" gap={12}>
          {settings.logoUrl ? <img src={settings.logoUrl} alt="" height={40} style={{ maxWidth: 160, objectFit: 'contain' }} /> : <BrandMark size={40} />}
          <div>
            <div className="kefu-login__brand">{settings.name || t('app.name')}</div>
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
          <LanguageSwitch only={languages} />
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
          {errorText ? (
            <Alert
              type={unverified ? 'warning' : 'error'}
              showIcon
              title={errorText}
              style={{ marginBottom: 20 }}
              role="alert"
              action={unverified ? <Link to={`/check-email?for=signup&email=${encodeURIComponent(email)}`}>{t('accounts.login.resend')}</Link> : undefined}
            />
          ) : null}
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
          <Flex justify="space-between" wrap gap={8} style={{ marginTop: 16 }}>
            <Link to="/forgot-password">{t('accounts.login.forgot')}</Link>
            {settings.loginLinkEnabled ? <Link to="/login-link">{t('accounts.login.withLink')}</Link> : null}
          </Flex>
          {settings.signupMode === 'open' ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 24, textAlign: 'center' }}>
              {t('accounts.login.noAccount')} <Link to="/signup">{t('accounts.login.signUp')}</Link>
            </Typography.Paragraph>
          ) : null}
        </div>
        <div />
      </main>
    </div>
    </PortalTheme>
  );
}
