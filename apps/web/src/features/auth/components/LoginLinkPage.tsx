import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePortalSettings } from '../../portal-settings/hooks/use-portal-settings';
import { confirmLoginLink, requestLoginLink } from '../api';
import { AccountFrame } from './AccountFrame';
import { LinkLanding } from './LinkLanding';
import { RenewByEmail } from './VerifyPage';

/** /login-link: ask for a one-time sign-in link; /login-link?token=…: the link itself, which signs in. */
export function LoginLinkPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { settings, isPending } = usePortalSettings();
  const ask = <RenewByEmail purpose="link" send={requestLoginLink} label={t('accounts.loginLink.submit')} />;
  if (params.get('token')) return <LinkLanding kind="login-link" title={t('accounts.loginLink.title')} run={confirmLoginLink} renew={settings.loginLinkEnabled ? ask : null} />;
  if (!isPending && !settings.loginLinkEnabled) {
    return (
      <AccountFrame title={t('accounts.loginLink.title')}>
        <Result status="info" style={{ padding: 0 }} title={t('errors.login_link_disabled')} extra={<Link to="/login">{t('accounts.backToLogin')}</Link>} />
      </AccountFrame>
    );
  }
  return (
    <AccountFrame title={t('accounts.loginLink.title')} subtitle={t('accounts.loginLink.subtitle')} footer={<Link to="/login">{t('accounts.backToLogin')}</Link>}>
      {ask}
    </AccountFrame>
  );
}
