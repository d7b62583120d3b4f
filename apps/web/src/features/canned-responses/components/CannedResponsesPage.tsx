import { Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FireOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { cannedResponseScopes, type CannedResponse, type CannedResponseScope, type Locale, type UpdateCannedResponseBody } from '@kefu/contracts';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime } from '../../../shared/ui/format';
import { useSession } from '../../auth/hooks/use-session';
import { cannedResponsesResource, createCannedResponse, deleteCannedResponse, listCannedResponses, updateCannedResponse } from '../api';
import { textToHtml } from '../body-text';
import { useCannedCategories } from '../hooks/use-canned-responses';
import { CannedResponseFields } from './CannedResponseFields';
import { ScopeTag } from './ScopeTag';

interface CannedFormValues {
  title: string;
  body: string;
  category?: string | null;
  scope: CannedResponseScope;
  shortcut?: string | null;
  locale?: Locale | null;
}

const filterKeys = ['category', 'scope'] as const;
const fields = ['title', 'body', 'category', 'scope', 'shortcut', 'locale'] as const;

/** Only what changed goes to the server, so saving a title keeps formatting the plain editor cannot show. */
function changes(record: CannedResponse, values: CannedFormValues): UpdateCannedResponseBody {
  const patch: UpdateCannedResponseBody = {};
  if (values.title !== record.title) patch.title = values.title;
  if (values.body !== record.text) patch.body = textToHtml(values.body);
  if ((values.category ?? null) !== record.category) patch.category = values.category ?? null;
  if (values.scope !== record.scope) patch.scope = values.scope;
  if ((values.shortcut || null) !== record.shortcut) patch.shortcut = values.shortcut ?? null;
  if ((values.locale ?? null) !== record.locale) patch.locale = values.locale ?? null;
  return patch;
}

/** 话术库: the agent console and the admin console show this same page. */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.effectiveRole ?? 'agent';
  const canShare = role === 'admin' || role === 'supervisor';
  const categories = useCannedCategories();

  const columns: ColumnsType<CannedResponse> = [
    {
      key: 'title',
      title: t('cannedResponses.titleField'),
      render: (_, r) => (
        <div style={{ maxWidth: 420 }}>
          <Typography.Text strong>{r.title}</Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12 }}>
            {r.text}
          </Typography.Paragraph>
        </div>
      ),
    },
    { key: 'category', title: t('cannedResponses.category'), render: (_, r) => (r.category ? <Tag>{r.category}</Tag> : <Typography.Text type="secondary">—</Typography.Text>) },
    { key: 'scope', title: t('cannedResponses.scope'), render: (_, r) => <ScopeTag scope={r.scope} /> },
    {
      key: 'shortcut',
      title: t('cannedResponses.shortcut'),
      render: (_, r) => (r.shortcut ? <Typography.Text code>{r.shortcut}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { key: 'locale', title: t('cannedResponses.locale'), render: (_, r) => (r.locale ? t(`lang.${r.locale}`) : t('cannedResponses.anyLocale')) },
    {
      key: 'usage',
      title: t('cannedResponses.usage'),
      align: 'right',
      render: (_, r) => (
        <Tooltip title={t('cannedResponses.usageHelp')}>
          <Space size={4}>
            <FireOutlined style={{ color: r.usageCount ? 'var(--ant-color-warning)' : 'var(--ant-color-text-quaternary)' }} />
            {r.usageCount}
          </Space>
        </Tooltip>
      ),
    },
    { key: 'owner', title: t('cannedResponses.owner'), render: (_, r) => r.ownerName ?? '—' },
    { key: 'updatedAt', title: t('common.updatedAt'), render: (_, r) => formatDateTime(r.updatedAt) },
  ];

  return (
    <ResourcePage<CannedResponse, (typeof filterKeys)[number], CannedFormValues>
      resource={cannedResponsesResource}
      title={t('cannedResponses.title')}
      description={t('cannedResponses.description')}
      searchPlaceholder={t('cannedResponses.searchPlaceholder')}
      filterKeys={filterKeys}
      renderFilters={(filters, setFilter) => (
        <>
          <Select
            aria-label={t('cannedResponses.filterCategory')}
            placeholder={t('cannedResponses.filterCategory')}
            allowClear
            showSearch
            style={{ width: 200 }}
            value={filters.category ?? null}
            onChange={(value: string | null | undefined) => setFilter('category', value ?? undefined)}
            options={categories.map((c) => ({ value: c.category, label: `${c.category} (${c.count})` }))}
          />
          <Select
            aria-label={t('cannedResponses.filterScope')}
            placeholder={t('cannedResponses.filterScope')}
            allowClear
            style={{ width: 160 }}
            value={filters.scope ?? null}
            onChange={(value: string | null | undefined) => setFilter('scope', value ?? undefined)}
            options={cannedResponseScopes.map((scope) => ({ value: scope, label: t(`cannedResponses.scopes.${scope}`) }))}
          />
        </>
      )}
      fetchPage={(query, signal) => listCannedResponses(query, signal)}
      columns={columns}
      editor={{
        name: 'cannedResponse',
        createLabel: t('cannedResponses.create'),
        createTitle: t('cannedResponses.createTitle'),
        editTitle: t('cannedResponses.editTitle'),
        fields,
        initialValues: (r) => ({
          title: r?.title ?? '',
          body: r?.text ?? '',
          category: r?.category ?? undefined,
          scope: r?.scope ?? 'personal',
          shortcut: r?.shortcut ?? undefined,
          locale: r?.locale ?? undefined,
        }),
        create: (v) =>
          createCannedResponse({
            title: v.title, body: textToHtml(v.body), category: v.category ?? null, scope: v.scope, shortcut: v.shortcut ?? null, locale: v.locale ?? null,
          }),
        update: async (r, values) => {
          const patch = changes(r, values);
          if (Object.keys(patch).length) await updateCannedResponse(r.id, patch);
        },
        remove: { run: (r) => deleteCannedResponse(r.id), confirm: (r) => t('cannedResponses.deleteConfirm', { title: r.title }) },
        renderFields: (r) => <CannedResponseFields record={r} canShare={canShare} />,
      }}
    />
  );
}
