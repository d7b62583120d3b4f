import { Descriptions, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@kefu/contracts';

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

function show(value: unknown) {
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, fontFamily: 'var(--ant-font-family-code)' }}>
      {text}
    </pre>
  );
}

/** Before and after of an audit event, field by field (the server stores only changed fields). */
export function AuditDiff({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const before = event.before ?? {};
  const after = event.after ?? {};
  const rows: DiffRow[] = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort()
    .map((field) => ({ field, before: before[field], after: after[field] }));

  return (
    // width 0 + min-width 100%: long values wrap inside the row instead of widening the whole table.
    <div style={{ padding: '4px 8px 8px', width: 0, minWidth: '100%', boxSizing: 'border-box' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'entityId', label: t('audit.entityId'), children: event.entityId ?? '—' },
          { key: 'ip', label: t('audit.ip'), children: event.ip ?? '—' },
          {
            key: 'ua',
            label: t('audit.userAgent'),
            children: (
              <Typography.Text ellipsis={{ tooltip: event.userAgent }} style={{ maxWidth: 360 }}>
                {event.userAgent ?? '—'}
              </Typography.Text>
            ),
          },
        ]}
      />
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          columns={[
            { key: 'field', title: t('audit.field'), width: 180, render: (_, r) => <Typography.Text code>{r.field}</Typography.Text> },
            {
              key: 'before',
              title: t('audit.before'),
              render: (_, r) => <div style={{ background: r.before === undefined ? undefined : '#fff1f0', padding: '2px 6px', borderRadius: 4 }}>{show(r.before)}</div>,
            },
            {
              key: 'after',
              title: t('audit.after'),
              render: (_, r) => <div style={{ background: r.after === undefined ? undefined : '#f6ffed', padding: '2px 6px', borderRadius: 4 }}>{show(r.after)}</div>,
            },
          ]}
        />
      )}
    </div>
  );
}
