import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Team } from '@kefu/contracts';
import { IconTile } from '../../../shared/ui/IconTile';
import { ItemList } from '../../../shared/ui/ItemList';

export function MyTeamsCard({ teams, loading }: { teams: Team[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Card title={t('agentHome.myTeams')} loading={loading} style={{ height: '100%' }}>
      {teams.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agentHome.noTeams')} />
      ) : (
        <ItemList
          items={teams}
          itemKey={(team) => team.id}
          render={(team) => (
            <Flex gap={12} align="flex-start">
              <IconTile tinted>
                <TeamOutlined />
              </IconTile>
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
          )}
        />
      )}
    </Card>
  );
}
