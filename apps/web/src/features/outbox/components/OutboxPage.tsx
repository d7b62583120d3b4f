import { useState } from 'react';
import { AutoComplete, Button, Input, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OutboxMessageSummary } from '@kefu/contracts';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { knownMailKinds, listOutbox, outboxResource } from '../api';
import { OutboxMessageDrawer } from './OutboxMessageDrawer';

const filterKeys = ['to', 'kind'] as const;

/** Admin page: mail Kefu kept instead of sending (no SMTP server configured), newest first. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  const kindLabel = (kind: string) =>
    i18n.exists(`outbox.kinds.${kind}`) ? t(`outbox.kinds.${kind as (typeof knownMailKinds)[number]}`) : kind;

  const columns: ColumnsType<OutboxMessageSummary> = [
    {
      key: 'createdAt',
      title: t('outbox.when'),
      width: 170,
      render: (_, m) => <Tooltip title={fromNow(m.createdAt)}>{formatDateTime(m.createdAt)}</Tooltip>,
    },
    { key: 'to', title: t('outbox.to'), render: (_, m) => m.to },
    {
      key: 'subject',
      title: t('outbox.subject'),
      render: (_, m) => (
        <Typography.Link onClick={() => setOpenId(m.id)} ellipsis style={{ maxWidth: 420, display: 'inline-block' }}>
          {m.subject}
        </Typography.Link>
      ),
    },
    { key: 'kind', title: t('outbox.kind'), width: 140, render: (_, m) => <Tag>{kindLabel(m.kind)}</Tag> },
    {
      key: 'view',
      title: t('common.actions'),
      width: 96,
      render: (_, m) => (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setOpenId(m.id)}>
          {t('outbox.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <ResourcePage<OutboxMessageSummary, (typeof filterKeys)[number]>
        resource={outboxResource}
        title={t('outbox.title')}
        description={t('outbox.description')}
        searchPlaceholder={t('outbox.searchPlaceholder')}
        filterKeys={filterKeys}
        renderFilters={(filters, setFilter) => (
          <>
            <Input
              aria-label={t('outbox.to')}
              placeholder={t('outbox.toPlaceholder')}
              allowClear
              type="email"
              style={{ width: 240 }}
              defaultValue={filters.to}
              key={filters.to ?? ''}
              onPressEnter={(e) => setFilter('to', e.currentTarget.value.trim())}
              onBlur={(e) => setFilter('to', e.currentTarget.value.trim())}
              onClear={() => setFilter('to', undefined)}
            />
            <AutoComplete
              aria-label={t('outbox.kind')}
              placeholder={t('outbox.kind')}
              allowClear
              style={{ width: 180 }}
              value={filters.kind}
              options={knownMailKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
              onChange={(value: string | undefined) => setFilter('kind', value?.trim())}
            />
          </>
        )}
        fetchPage={(query, signal) => listOutbox(query, signal)}
        columns={columns}
        home="/admin"
      />
      <OutboxMessageDrawer id={openId} onClose={() => setOpenId(null)} kindLabel={kindLabel} />
    </>
  );
}
