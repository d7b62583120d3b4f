import { Suspense } from 'react';
import { Button, Flex, Layout, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useRoutes } from 'react-router';
import { portalRoutes } from '../../../features/portal/routes';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { PortalBrand, PortalTheme, usePortalSettings } from '../../../features/portal-settings';
import { usePortalLanguages } from '../../../features/auth/components/AccountFrame';
import { LanguageSwitch } from '../../../features/auth/components/LanguageSwitch';
import { useSession } from '../../../features/auth/hooks/use-session';
import { UserMenu } from '../shell/UserMenu';

/** The customers' self-service portal (/portal/*): branded header, centred content. */
export function PortalApp() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { pathname, search } = useLocation();
  const { settings } = usePortalSettings();
  const languages = usePortalLanguages();
  const routes = useRoutes([...portalRoutes, { path: '*', element: <ProblemResult status={404} home="/portal" /> }]);
  return (
    <PortalTheme>
    <Layout style={{ minHeight: '100vh', background: 'var(--ant-color-bg-layout)' }}>
      <Layout.Header
        style={{
          // The admin's colour, darkened towards the left edge so white text stays readable on light colours.
          background: `linear-gradient(90deg, color-mix(in srgb, ${settings.primaryColor} 70%, #000) 0%, ${settings.primaryColor} 100%)`,
          paddingInline: 24,
          height: 64,
          display: 'flex',
          alignItems: 'center',
        }}
      >
        <Flex align="center" justify="space-between" style={{ width: '100%', maxWidth: 1080, margin: '0 auto' }}>
          <Link to="/portal">
            <PortalBrand dark subtitle={t('portal.title')} />
          </Link>
          <Flex align="center" gap={4}>
            <LanguageSwitch dark only={languages} />
            {user ? (
              <UserMenu dark />
            ) : (
              <Link to={`/login?next=${encodeURIComponent(pathname + search)}`}>
                <Button size="small" ghost>{t('login.submit')}</Button>
              </Link>
            )}
          </Flex>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '0 24px 48px' }}>
        <div style={{ maxWidth: 1080, margin: '0 auto' }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>{routes}</Suspense>
        </div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent' }}>
        <Typography.Text type="secondary">{t('login.footer')}</Typography.Text>
      </Layout.Footer>
    </Layout>
    </PortalTheme>
  );
}
