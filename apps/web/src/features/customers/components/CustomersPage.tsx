import { Input, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MailOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Customer, Locale } from '@kefu/contracts';
import { EntitySelect } from '../../../shared/forms/EntitySelect';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime } from '../../../shared/ui/format';
import { PersonCell } from '../../../shared/ui/PersonCell';
import { TagList } from '../../../shared/ui/TagList';
import { organizationOptions } from '../../organizations/api';
import { useSession } from '../../auth/hooks/use-session';
import { InviteToPortalButton } from '../../portal-settings/components/InviteToPortalButton';
import { createCustomer, customersResource, listCustomers, updateCustomer } from '../api';
import { CustomerFormFields } from './CustomerFormFields';

interface CustomerFormValues {
  name: string;
  emails: string[];
  phones: string[];
  organizationId?: string | null;
  locale: Locale;
  tags: string[];
  notes: string;
}

const filterKeys = ['organizationId', 'tag'] as const;
const fields = ['name', 'emails', 'phones', 'organizationId', 'locale', 'tags', 'notes'] as const;

function ContactCell({ customer }: { customer: Customer }) {
  const email = customer.emails[0];
  const phone = customer.phones[0];
  const more = customer.emails.length + customer.phones.length - (email ? 1 : 0) - (phone ? 1 : 0);
  if (!email && !phone) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div style={{ lineHeight: 1.7 }}>
      {email ? (
        <div>
          <MailOutlined style={{ color: 'var(--ant-color-text-tertiary)', marginInlineEnd: 6 }} />
          {email}
        </div>
      ) : null}
      {phone ? (
        <div>
          <PhoneOutlined style={{ color: 'var(--ant-color-text-tertiary)', marginInlineEnd: 6 }} />
          {phone}
          {more > 0 ? <Typography.Text type="secondary"> +{more}</Typography.Text> : null}
        </div>
      ) : null}
    </div>
  );
}

/** Used by both the admin console and the agent console. */
export function CustomersPage() {
  const { t } = useTranslation();
  const { user } = useSession();

  const columns: ColumnsType<Customer> = [
    { key: 'name', title: t('customers.name'), render: (_, c) => <PersonCell name={c.name} /> },
    { key: 'contact', title: t('customers.contact'), render: (_, c) => <ContactCell customer={c} /> },
    {
      key: 'organization',
      title: t('customers.organization'),
      render: (_, c) =>
        c.organizationId ? (
          <Link to={`?organizationId=${c.organizationId}`}>{c.organizationName}</Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'tags', title: t('customers.tags'), render: (_, c) => <TagList items={c.tags} color="blue" /> },
    { key: 'locale', title: t('customers.locale'), render: (_, c) => t(`lang.${c.locale}`) },
    { key: 'updatedAt', title: t('common.updatedAt'), render: (_, c) => formatDateTime(c.updatedAt) },
    // Only admins may open the portal to a customer (POST /customers/:id/invite).
    ...(user?.role === 'admin' ? [{ key: 'portal', title: t('accounts.portal.invite.column'), render: (_: unknown, c: Customer) => <InviteToPortalButton customer={c} /> }] : []),
  ];

  return (
    <ResourcePage<Customer, (typeof filterKeys)[number], CustomerFormValues>
      resource={customersResource}
      title={t('customers.title')}
      description={t('customers.description')}
      searchPlaceholder={t('customers.searchPlaceholder')}
      filterKeys={filterKeys}
      renderFilters={(filters, setFilter) => (
        <>
          <EntitySelect
            {...organizationOptions}
            aria-label={t('customers.filterOrganization')}
            placeholder={t('customers.filterOrganization')}
            allowClear
            style={{ width: 220 }}
            value={filters.organizationId ?? null}
            onChange={(value) => setFilter('organizationId', typeof value === 'string' ? value : undefined)}
          />
          <Input
            aria-label={t('customers.filterTag')}
            placeholder={t('customers.filterTag')}
            allowClear
            style={{ width: 160 }}
            defaultValue={filters.tag}
            key={filters.tag ?? ''}
            onPressEnter={(e) => setFilter('tag', e.currentTarget.value.trim())}
            onBlur={(e) => setFilter('tag', e.currentTarget.value.trim())}
            onClear={() => setFilter('tag', undefined)}
          />
        </>
      )}
      fetchPage={(query, signal) => listCustomers(query, signal)}
      columns={columns}
      editor={{
        name: 'customer',
        createLabel: t('customers.create'),
        createTitle: t('customers.createTitle'),
        editTitle: t('customers.editTitle'),
        fields,
        initialValues: (c) => ({
          name: c?.name ?? '',
          emails: c?.emails ?? [],
          phones: c?.phones ?? [],
          organizationId: c?.organizationId ?? null,
          locale: c?.locale ?? 'zh-CN',
          tags: c?.tags ?? [],
          notes: c?.notes ?? '',
        }),
        create: ({ organizationId, ...values }) => createCustomer({ ...values, organizationId: organizationId ?? null }),
        update: (c, { organizationId, ...values }) =>
          updateCustomer(c.id, { ...values, organizationId: organizationId ?? null }),
        renderFields: () => <CustomerFormFields />,
      }}
    />
  );
}
