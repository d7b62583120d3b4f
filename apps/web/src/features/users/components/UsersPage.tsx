import { Badge, Flex, Select, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { staffRoles, type Locale, type StaffRole, type User } from '@kefu/contracts';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { PersonCell } from '../../../shared/ui/PersonCell';
import { RoleTag } from '../../../shared/ui/RoleTag';
import { TagList } from '../../../shared/ui/TagList';
import { useCurrentUser } from '../../auth/hooks/use-session';
import { useTeamDirectory } from '../../teams/hooks/use-team-directory';
import { createUser, listUsers, updateUser, usersResource } from '../api';
import { UserFormFields } from './UserFormFields';

interface UserFormValues {
  email: string;
  name: string;
  role: StaffRole;
  password?: string;
  locale: Locale;
  teamIds: string[];
  active?: boolean;
  away?: boolean;
}

const filterKeys = ['role', 'active'] as const;
const fields = ['email', 'name', 'role', 'password', 'locale', 'teamIds', 'active', 'away'] as const;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const teams = useTeamDirectory();

  const columns: ColumnsType<User> = [
    {
      key: 'name',
      title: t('users.name'),
      render: (_, user) => (
        <PersonCell name={user.name} secondary={user.email} suffix={user.id === me.id ? t('users.you') : null} />
      ),
    },
    { key: 'role', title: t('users.role'), render: (_, user) => <RoleTag role={user.role} /> },
    {
      key: 'teams',
      title: t('users.teams'),
      render: (_, user) => <TagList items={user.teamIds.map((id) => teams.byId.get(id)?.name ?? '…')} />,
    },
    {
      key: 'status',
      title: t('users.status'),
      render: (_, user) => (
        <Flex gap={8} align="center">
          <Badge
            status={user.active ? 'success' : 'default'}
            text={user.active ? t('users.statusActive') : t('users.statusInactive')}
          />
          {user.active && user.away ? <Tag color="gold">{t('users.statusAway')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'lastLoginAt',
      title: t('users.lastLogin'),
      render: (_, user) =>
        user.lastLoginAt ? (
          <Tooltip title={formatDateTime(user.lastLoginAt)}>{fromNow(user.lastLoginAt)}</Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
        ),
    },
    { key: 'createdAt', title: t('common.createdAt'), render: (_, user) => formatDateTime(user.createdAt) },
  ];

  return (
    <ResourcePage<User, (typeof filterKeys)[number], UserFormValues>
      resource={usersResource}
      title={t('users.title')}
      description={t('users.description')}
      searchPlaceholder={t('users.searchPlaceholder')}
      filterKeys={filterKeys}
      renderFilters={(filters, setFilter) => (
        <>
          <Select
            aria-label={t('users.filterRole')}
            style={{ width: 150 }}
            value={filters.role ?? ''}
            onChange={(value) => setFilter('role', value)}
            options={[
              { value: '', label: t('users.allRoles') },
              ...staffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) })),
            ]}
          />
          <Select
            aria-label={t('users.filterStatus')}
            style={{ width: 150 }}
            value={filters.active ?? ''}
            onChange={(value) => setFilter('active', value)}
            options={[
              { value: '', label: t('users.allStatuses') },
              { value: 'true', label: t('users.statusActive') },
              { value: 'false', label: t('users.statusInactive') },
            ]}
          />
        </>
      )}
      fetchPage={(query, signal) => listUsers(query, signal)}
      columns={columns}
      editor={
        me.role === 'admin'
          ? {
              name: 'user',
              createLabel: t('users.create'),
              createTitle: t('users.createTitle'),
              editTitle: t('users.editTitle'),
              fields,
              initialValues: (user) => ({
                email: user?.email ?? '',
                name: user?.name ?? '',
                role: user?.role === 'customer' ? 'agent' : (user?.role ?? 'agent'),
                password: '',
                locale: user?.locale ?? 'zh-CN',
                teamIds: user?.teamIds ?? [],
                active: user?.active ?? true,
                away: user?.away ?? false,
              }),
              create: ({ email, name, role, password, locale, teamIds }) =>
                createUser({ email, name, role, password: password ?? '', locale, teamIds }),
              update: (user, { password, ...rest }) =>
                updateUser(user.id, { ...rest, ...(password ? { password } : {}) }),
              renderFields: (user) => <UserFormFields user={user} />,
            }
          : undefined
      }
    />
  );
}
