import { Suspense } from 'react';
import { Flex, Layout, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useRoutes } from 'react-router';
import { portalRoutes } from '../../../features/portal/routes';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { Brand } from '../../../shared/ui/Brand';
import { LanguageSwitch } from '../../../features/auth/components/LanguageSwitch';
import { UserMenu } from '../shell/UserMenu';

/** The customers' self-service portal (/portal/*): branded header, centred content. */
export function PortalApp() {
  const { t } = useTranslation();
  const routes = useRoutes([...portalRoutes, { path: '*', element: <ProblemResult status={404} home="/portal" /> }]);
  return (
    <Layout style={{ minHeight: '100vh', background: 'var(--ant-color-bg-layout)' }}>
      <Layout.Header
        style={{
          background: 'linear-gradient(90deg, #1e3a8a 0%, #1d4ed8 100%)',
          paddingInline: 24,
          height: 64,
          display: 'flex',
          alignItems: 'center',
        }}
      >
        <Flex align="center" justify="space-between" style={{ width: '100%', maxWidth: 1080, margin: '0 auto' }}>
          <Link to="/portal">
            <Brand dark subtitle={t('portal.title')} />
          </Link>
          <Flex align="center" gap={4}>
            <LanguageSwitch dark />
            <UserMenu dark />
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
  );
}
