import { AutoComplete, DatePicker, Input, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@kefu/contracts';
import { EntitySelect } from '../../../shared/forms/EntitySelect';
import { ResourcePage } from '../../../shared/list/ResourcePage';
import { formatDateTime, fromNow } from '../../../shared/ui/format';
import { PersonCell } from '../../../shared/ui/PersonCell';
import { userOptions } from '../../users/api';
import { auditResource, knownEntityTypes, listAuditEvents } from '../api';
import { AuditDiff } from './AuditDiff';

const filterKeys = ['entityType', 'action', 'actorId', 'from', 'to'] as const;

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const entityLabel = (type: string) =>
    i18n.exists(`audit.entityTypes.${type}`) ? t(`audit.entityTypes.${type as (typeof knownEntityTypes)[number]}`) : type;

  const columns: ColumnsType<AuditEvent> = [
    {
      key: 'createdAt',
      title: t('audit.when'),
      width: 170,
      render: (_, e) => <Tooltip title={fromNow(e.createdAt)}>{formatDateTime(e.createdAt)}</Tooltip>,
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => <PersonCell name={e.actorName ?? t('audit.system')} />,
    },
    { key: 'action', title: t('audit.action'), render: (_, e) => <Typography.Text code>{e.action}</Typography.Text> },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_, e) => (
        <span>
          <Tag>{entityLabel(e.entityType)}</Tag>
          {e.entityId ? (
            <Typography.Text type="secondary" copyable={{ text: e.entityId }} style={{ fontSize: 12 }}>
              {e.entityId.slice(0, 8)}…
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    { key: 'ip', title: t('audit.ip'), render: (_, e) => e.ip ?? '—' },
  ];

  return (
    <ResourcePage<AuditEvent, (typeof filterKeys)[number]>
      resource={auditResource}
      title={t('audit.title')}
      description={t('audit.description')}
      searchable={false}
      filterKeys={filterKeys}
      renderFilters={(filters, setFilter, setFilters) => (
        <>
          <AutoComplete
            aria-label={t('audit.entityType')}
            placeholder={t('audit.entityType')}
            allowClear
            style={{ width: 160 }}
            value={filters.entityType}
            options={knownEntityTypes.map((type) => ({ value: type, label: entityLabel(type) }))}
            onChange={(value: string | undefined) => setFilter('entityType', value?.trim())}
          />
          <Input
            aria-label={t('audit.action')}
            placeholder={t('audit.actionPlaceholder')}
            allowClear
            style={{ width: 210 }}
            defaultValue={filters.action}
            key={filters.action ?? ''}
            onPressEnter={(e) => setFilter('action', e.currentTarget.value.trim())}
            onBlur={(e) => setFilter('action', e.currentTarget.value.trim())}
            onClear={() => setFilter('action', undefined)}
          />
          <EntitySelect
            {...userOptions}
            aria-label={t('audit.actor')}
            placeholder={t('audit.actorPlaceholder')}
            allowClear
            style={{ width: 220 }}
            value={filters.actorId ?? null}
            onChange={(value) => setFilter('actorId', typeof value === 'string' ? value : undefined)}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.dateRange')}
            placeholder={[t('audit.startDate'), t('audit.endDate')]}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(range) => {
              setFilters({
                from: range?.[0]?.startOf('day').toISOString(),
                to: range?.[1]?.endOf('day').toISOString(),
              });
            }}
          />
        </>
      )}
      fetchPage={(query, signal) => listAuditEvents(query, signal)}
      columns={columns}
      expandable={{ expandedRowRender: (event) => <AuditDiff event={event} />, rowExpandable: () => true }}
    />
  );
}
