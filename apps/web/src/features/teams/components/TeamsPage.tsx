import { TeamOutlined } from '@ant-design/icons';
import { Form, Input, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { assignmentModes, createTeamBodySchema, type Team } from '@kefu/contracts';
import { EntitySelect } from '../../../shared/forms/EntitySelect';
import { zodRule } from '../../../shared/forms/zod-rule';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime } from '../../../shared/ui/format';
import { userOptions } from '../../users/api';
import { createTeam, deleteTeam, listTeams, teamsResource, updateTeam } from '../api';

interface TeamFormValues {
  name: string;
  description: string;
  assignmentMode: Team['assignmentMode'];
  memberIds: string[];
}

const fields = ['name', 'description', 'assignmentMode', 'memberIds'] as const;
const shape = createTeamBodySchema.shape;
const modeColors: Record<Team['assignmentMode'], string> = { manual: 'default', round_robin: 'geekblue', least_open: 'cyan' };

export function TeamsPage() {
  const { t } = useTranslation();

  const columns: ColumnsType<Team> = [
    {
      key: 'name',
      title: t('teams.name'),
      render: (_, team) => (
        <div style={{ maxWidth: 420 }}>
          <Typography.Text strong>{team.name}</Typography.Text>
          {team.description ? (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12 }}>
              {team.description}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    },
    {
      key: 'assignmentMode',
      title: t('teams.assignmentMode'),
      render: (_, team) => (
        <Tooltip title={t(`assignmentModeHelp.${team.assignmentMode}`)}>
          <Tag color={modeColors[team.assignmentMode]}>{t(`assignmentModes.${team.assignmentMode}`)}</Tag>
        </Tooltip>
      ),
    },
    {
      key: 'members',
      title: t('teams.members'),
      render: (_, team) => (
        <Space size={6}>
          <TeamOutlined style={{ color: 'var(--ant-color-text-tertiary)' }} />
          <Typography.Text>{t('teams.memberCount', { count: team.memberIds.length })}</Typography.Text>
        </Space>
      ),
    },
    { key: 'updatedAt', title: t('common.updatedAt'), render: (_, team) => formatDateTime(team.updatedAt) },
  ];

  return (
    <ResourcePage<Team, never, TeamFormValues>
      resource={teamsResource}
      title={t('teams.title')}
      description={t('teams.description')}
      searchPlaceholder={t('teams.searchPlaceholder')}
      fetchPage={(query, signal) => listTeams(query, signal)}
      columns={columns}
      editor={{
        name: 'team',
        createLabel: t('teams.create'),
        createTitle: t('teams.createTitle'),
        editTitle: t('teams.editTitle'),
        fields,
        initialValues: (team) => ({
          name: team?.name ?? '',
          description: team?.description ?? '',
          assignmentMode: team?.assignmentMode ?? 'manual',
          memberIds: team?.memberIds ?? [],
        }),
        create: (values) => createTeam(values),
        update: (team, values) => updateTeam(team.id, values),
        remove: { run: (team) => deleteTeam(team.id), confirm: (team) => t('teams.deleteConfirm', { name: team.name }) },
        renderFields: () => (
          <>
            <Form.Item name="name" label={t('teams.name')} rules={[zodRule(shape.name, t)]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="description" label={t('teams.descriptionField')} rules={[zodRule(shape.description, t)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Form.Item name="assignmentMode" label={t('teams.assignmentMode')} rules={[zodRule(shape.assignmentMode, t)]}>
              <Radio.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                options={assignmentModes.map((mode) => ({
                  value: mode,
                  label: (
                    <span>
                      {t(`assignmentModes.${mode}`)}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t(`assignmentModeHelp.${mode}`)}
                      </Typography.Text>
                    </span>
                  ),
                }))}
              />
            </Form.Item>
            <Form.Item name="memberIds" label={t('teams.members')} rules={[zodRule(shape.memberIds, t)]}>
              <EntitySelect {...userOptions} mode="multiple" allowClear />
            </Form.Item>
          </>
        ),
      }}
    />
  );
}
