import { Suspense, useState, type ReactNode } from 'react';
import { Flex, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { Brand } from '../../../shared/ui/Brand';
import { LanguageSwitch } from '../../../features/auth/components/LanguageSwitch';
import { NotificationBell } from '../../../features/notifications';
import { TicketsLiveSync } from '../../../features/tickets';
import { UserMenu } from './UserMenu';

export interface NavItem {
  /** Absolute path; also the menu key. */
  path: string;
  label: string;
  icon: ReactNode;
  /** Matches only the exact path (a console's home), not everything below it. */
  exact?: boolean;
}

export interface NavGroup {
  key: string;
  label?: string;
  items: NavItem[];
}

interface AppShellProps {
  consoleName: string;
  nav: NavGroup[];
  children: ReactNode;
}

function selectedKey(pathname: string, groups: NavGroup[]): string | undefined {
  const items = groups.flatMap((g) => g.items);
  const matches = items.filter((i) => (i.exact ? pathname === i.path : pathname === i.path || pathname.startsWith(`${i.path}/`)));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

/** The staff console frame: dark sider with grouped navigation, header with language and account. */
export function AppShell({ consoleName, nav, children }: AppShellProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const items: MenuProps['items'] = nav.map((group) => {
    const children = group.items.map((item) => ({ key: item.path, icon: item.icon, label: item.label }));
    return group.label ? { type: 'group' as const, key: group.key, label: group.label, children } : { type: 'group' as const, key: group.key, children };
  });
  const current = selectedKey(location.pathname, nav);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={232}
        collapsedWidth={72}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        trigger={null}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div style={{ padding: collapsed ? '18px 20px' : '18px 20px 14px' }}>
          <Brand collapsed={collapsed} dark subtitle={consoleName} />
        </div>
        <nav aria-label={consoleName}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={current ? [current] : []}
            items={items}
            onClick={({ key }) => void navigate(key)}
            style={{ borderInlineEnd: 0 }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            paddingInline: 16,
            background: 'var(--ant-color-bg-container)',
            borderBottom: '1px solid var(--ant-color-border-secondary)',
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Flex align="center" gap={8}>
            <Typography.Link
              onClick={() => setCollapsed((c) => !c)}
              aria-label={t('nav.openMenu')}
              style={{ fontSize: 16, color: 'var(--ant-color-text-secondary)', padding: 8 }}
            >
              {collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            </Typography.Link>
            <Typography.Text type="secondary">{consoleName}</Typography.Text>
          </Flex>
          <Flex align="center" gap={4}>
            <TicketsLiveSync />
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, maxWidth: 1440, width: '100%', margin: '0 auto' }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>{children}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
