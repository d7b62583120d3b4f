import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Team } from '@kefu/contracts';

export function MyTeamsCard({ teams, loading }: { teams: Team[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Card title={t('agentHome.myTeams')} loading={loading} style={{ height: '100%' }}>
      {teams.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agentHome.noTeams')} />
      ) : (
        <List
          dataSource={teams}
          renderItem={(team) => (
            <List.Item key={team.id}>
              <Flex gap={12} align="flex-start" style={{ width: '100%' }}>
                <div
                  style={{
                    width: 36,
                    height: 36,
                    borderRadius: 8,
                    background: 'var(--ant-color-primary-bg)',
                    color: 'var(--ant-color-primary)',
                    display: 'grid',
                    placeItems: 'center',
                    flexShrink: 0,
                  }}
                >
                  <TeamOutlined />
                </div>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text strong>{team.name}</Typography.Text>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`assignmentModes.${team.assignmentMode}`)}</Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('agentHome.memberCount', { count: team.memberIds.length })}
                    {team.description ? ` · ${team.description}` : ''}
                  </Typography.Text>
                </div>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
