import { Form, Input, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { createOrganizationBodySchema, limits, type Organization } from '@kefu/contracts';
import { TagsInput } from '../../../shared/forms/TagsInput';
import { zodRule } from '../../../shared/forms/zod-rule';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime } from '../../../shared/ui/format';
import { TagList } from '../../../shared/ui/TagList';
import { useCurrentUser } from '../../auth/hooks/use-session';
import {
  createOrganization,
  deleteOrganization,
  listOrganizations,
  organizationsResource,
  updateOrganization,
} from '../api';

interface OrganizationFormValues {
  name: string;
  domains: string[];
  tags: string[];
  notes: string;
  sharedTickets: boolean;
}

const fields = ['name', 'domains', 'tags', 'notes', 'sharedTickets'] as const;
const shape = createOrganizationBodySchema.shape;

/** Used by both the admin console and the agent console: agents may create and edit, not delete. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();

  const columns: ColumnsType<Organization> = [
    {
      key: 'name',
      title: t('organizations.name'),
      render: (_, org) => (
        <div>
          <Typography.Text strong>{org.name}</Typography.Text>
          {org.domains.length ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {org.domains.join(', ')}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      key: 'customerCount',
      title: t('organizations.customerCount'),
      align: 'right',
      render: (_, org) => (
        <Link to={`../customers?organizationId=${org.id}`} aria-label={`${t('organizations.viewCustomers')}: ${org.name}`}>
          {org.customerCount}
        </Link>
      ),
    },
    { key: 'tags', title: t('organizations.tags'), render: (_, org) => <TagList items={org.tags} color="blue" /> },
    {
      key: 'sharedTickets',
      title: t('organizations.sharedTickets'),
      render: (_, org) =>
        org.sharedTickets ? (
          <Tag icon={<ShareAltOutlined />} color="green">
            {t('common.yes')}
          </Tag>
        ) : (
          <Typography.Text type="secondary">{t('common.no')}</Typography.Text>
        ),
    },
    { key: 'updatedAt', title: t('common.updatedAt'), render: (_, org) => formatDateTime(org.updatedAt) },
  ];

  return (
    <ResourcePage<Organization, never, OrganizationFormValues>
      resource={organizationsResource}
      title={t('organizations.title')}
      description={t('organizations.description')}
      searchPlaceholder={t('organizations.searchPlaceholder')}
      fetchPage={(query, signal) => listOrganizations(query, signal)}
      columns={columns}
      editor={{
        name: 'organization',
        createLabel: t('organizations.create'),
        createTitle: t('organizations.createTitle'),
        editTitle: t('organizations.editTitle'),
        fields,
        initialValues: (org) => ({
          name: org?.name ?? '',
          domains: org?.domains ?? [],
          tags: org?.tags ?? [],
          notes: org?.notes ?? '',
          sharedTickets: org?.sharedTickets ?? false,
        }),
        create: (values) => createOrganization(values),
        update: (org, values) => updateOrganization(org.id, values),
        remove:
          me.role === 'admin'
            ? {
                run: (org) => deleteOrganization(org.id),
                conflictMessage: t('organizations.deleteBlocked'),
                confirm: (org) => t('organizations.deleteConfirm', { name: org.name }),
              }
            : undefined,
        renderFields: () => (
          <>
            <Form.Item name="name" label={t('organizations.name')} rules={[zodRule(shape.name, t)]}>
              <Input maxLength={limits.name} />
            </Form.Item>
            <Form.Item
              name="domains"
              label={t('organizations.domains')}
              extra={t('organizations.domainsHelp')}
              rules={[zodRule(shape.domains, t)]}
            >
              <TagsInput />
            </Form.Item>
            <Form.Item name="tags" label={t('organizations.tags')} extra={t('organizations.tagsHelp')} rules={[zodRule(shape.tags, t)]}>
              <TagsInput />
            </Form.Item>
            <Form.Item name="notes" label={t('organizations.notes')} rules={[zodRule(shape.notes, t)]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={limits.note} />
            </Form.Item>
            <Form.Item
              name="sharedTickets"
              label={t('organizations.sharedTickets')}
              extra={t('organizations.sharedTicketsHelp')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </>
        ),
      }}
    />
  );
}
