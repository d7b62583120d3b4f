import { Badge, Card, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { ApiOutlined, BankOutlined, ContactsOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IconTile } from '../../../shared/ui/IconTile';
import { ItemList } from '../../../shared/ui/ItemList';
import { PersonAvatar, PersonCell } from '../../../shared/ui/PersonCell';
import { RoleTag } from '../../../shared/ui/RoleTag';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { customersResource, listCustomers } from '../../customers/api';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { getUser, usersResource } from '../../users/api';
import { MyTeamsCard } from './MyTeamsCard';

function greetingKey(hour: number) {
  if (hour < 12) return 'agentHome.morning' as const;
  if (hour < 18) return 'agentHome.afternoon' as const;
  return 'agentHome.evening' as const;
}

/** The agent console's home: who I am, my teams, shortcuts and the newest customers. */
export function AgentHomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const profile = useQuery({ queryKey: [usersResource, 'detail', me.id], queryFn: () => getUser(me.id) });
  const directory = useTeamDirectory();
  const recent = useQuery({
    queryKey: [customersResource, 'recent'],
    queryFn: ({ signal }) => listCustomers({ limit: 6 }, signal),
  });
  const myTeams = (profile.data?.teamIds ?? []).flatMap((id) => directory.byId.get(id) ?? []);
  const away = profile.data?.away ?? false;

  const links = [
    { to: '/agent/customers', icon: <ContactsOutlined />, title: t('agentHome.customersLink'), desc: t('agentHome.customersLinkDesc') },
    { to: '/agent/organizations', icon: <BankOutlined />, title: t('agentHome.organizationsLink'), desc: t('agentHome.organizationsLinkDesc') },
    { to: '/settings/tokens', icon: <ApiOutlined />, title: t('agentHome.tokensLink'), desc: t('agentHome.tokensLinkDesc') },
  ];

  return (
    <Space orientation="vertical" size={20} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: 24 } }} style={{ background: 'linear-gradient(120deg, #eff6ff 0%, #ffffff 60%)' }}>
        <Flex align="center" gap={20} wrap>
          <PersonAvatar name={me.name} size={64} />
          <div style={{ flex: 1, minWidth: 240 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t(greetingKey(new Date().getHours()), { name: me.name })}
            </Typography.Title>
            <Typography.Text type="secondary">{t('agentHome.subtitle')}</Typography.Text>
          </div>
          <Flex gap={16} align="center">
            <RoleTag role={me.role} />
            <Badge
              status={away ? 'warning' : 'success'}
              text={t('agentHome.statusLine', { status: away ? t('agentHome.statusAway') : t('agentHome.statusOnline') })}
            />
          </Flex>
        </Flex>
      </Card>

      <Row gutter={[20, 20]}>
        <Col xs={24} lg={12}>
          <MyTeamsCard teams={myTeams} loading={profile.isPending || directory.query.isPending} />
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('agentHome.quickLinks')} style={{ height: '100%' }}>
            <ItemList
              items={links}
              itemKey={(link) => link.to}
              render={(link) => (
                <Link to={link.to} style={{ display: 'block', width: '100%', color: 'inherit' }}>
                  <Flex align="center" gap={12}>
                    <IconTile>{link.icon}</IconTile>
                    <div style={{ flex: 1 }}>
                      <Typography.Text strong>{link.title}</Typography.Text>
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {link.desc}
                      </Typography.Text>
                    </div>
                    <RightOutlined style={{ color: 'var(--ant-color-text-quaternary)' }} />
                  </Flex>
                </Link>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Card
        title={t('agentHome.recentCustomers')}
        extra={<Link to="/agent/customers">{t('common.viewAll')}</Link>}
        loading={recent.isPending}
      >
        {recent.data && recent.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agentHome.noCustomers')} />
        ) : (
          <Row gutter={[16, 16]}>
            {(recent.data?.items ?? []).map((c) => (
              <Col key={c.id} xs={24} md={12} xl={8}>
                <PersonCell name={c.name} secondary={[c.organizationName, c.emails[0] ?? c.phones[0]].filter(Boolean).join(' · ') || '—'} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Space>
  );
}
