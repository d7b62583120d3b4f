import { useState } from 'react';
import { App, Button, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { ApiOutlined, AppstoreOutlined, DownOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isStaff, useCurrentUser, useLogout } from '../../../features/auth/hooks/use-session';
import { ProfileModal } from '../../../features/profile/components/ProfileModal';
import { problemMessage } from '../../../shared/api/problem-message';
import { PersonAvatar } from '../../../shared/ui/PersonCell';

/** Avatar menu: profile, API tokens (staff), the other console (admins), sign out. */
export function UserMenu({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const logout = useLogout();
  const [profileOpen, setProfileOpen] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <div style={{ maxWidth: 240 }}>
          <Typography.Text strong style={{ display: 'block' }}>
            {user.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {user.email} · {t(`roles.${user.role}`)}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'profile', icon: <UserOutlined />, label: t('nav.profile') },
    ...(isStaff(user.role) ? [{ key: 'tokens', icon: <ApiOutlined />, label: t('nav.tokens') }] : []),
    ...(user.role === 'admin'
      ? [
          { key: '/admin', icon: <SettingOutlined />, label: t('nav.adminConsole') },
          { key: '/agent', icon: <AppstoreOutlined />, label: t('nav.agentConsole') },
        ]
      : []),
    { type: 'divider' },
    { key: 'signOut', icon: <LogoutOutlined />, label: t('nav.signOut'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') setProfileOpen(true);
    else if (key === 'tokens') void navigate('/settings/tokens');
    else if (key === 'signOut') {
      logout.mutate(undefined, { onError: (error) => void message.error(problemMessage(error, t)) });
    } else if (key.startsWith('/')) void navigate(key);
  };

  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick }} placement="bottomRight">
        <Button type="text" title={t('nav.account')} style={{ height: 40, paddingInline: 8 }}>
          <Flex align="center" gap={8}>
            <PersonAvatar name={user.name} size={28} ring={dark} />
            <Typography.Text style={{ maxWidth: 140, color: dark ? '#fff' : undefined }} ellipsis>
              {user.name}
            </Typography.Text>
            <DownOutlined style={{ fontSize: 10, color: dark ? '#fff' : 'var(--ant-color-text-tertiary)' }} />
          </Flex>
        </Button>
      </Dropdown>
      <ProfileModal open={profileOpen} onClose={() => setProfileOpen(false)} />
    </>
  );
}
