import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { SlaReport, SlaReportRow, SlaTargetKind } from '@kefu/contracts';
import { formatMinutes, formatPercent, groupLabel, judgedTargets } from '../format';

/** One line per group, the total beneath: counts per target, attainment, median and p90 times. */
export function SlaReportTable({ report }: { report: SlaReport }) {
  const { t } = useTranslation();
  const kinds = judgedTargets(report);
  const outcome = (k: SlaTargetKind, r: SlaReportRow) => (
    <span>
      <Typography.Text type="success">{r.targets[k].met}</Typography.Text>
      {' / '}
      <Typography.Text type={r.targets[k].breached ? 'danger' : 'secondary'}>{r.targets[k].breached}</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        {formatPercent(r.targets[k].attainment, t)}
      </Typography.Text>
    </span>
  );
  const times = (label: string, pick: (r: SlaReportRow) => SlaReportRow['firstResponseMinutes']) => ({
    key: label,
    title: label,
    children: [
      { key: `${label}-median`, title: t('reports.sla.median'), align: 'right' as const, render: (_: unknown, r: SlaReportRow) => formatMinutes(pick(r).median, t) },
      { key: `${label}-p90`, title: t('reports.sla.p90'), align: 'right' as const, render: (_: unknown, r: SlaReportRow) => formatMinutes(pick(r).p90, t) },
    ],
  });
  const columns: ColumnsType<SlaReportRow> = [
    { key: 'group', title: t(`reports.sla.groupings.${report.groupBy}`), render: (_, r) => groupLabel(r, report.groupBy, t) },
    { key: 'tickets', title: t('reports.sla.tickets'), dataIndex: 'tickets', align: 'right' },
    ...kinds.map((k) => ({ key: k, title: `${t(`reports.sla.targets.${k}`)} (${t('reports.sla.metBreached')})`, render: (_: unknown, r: SlaReportRow) => outcome(k, r) })),
    times(t('reports.sla.firstResponseTime'), (r) => r.firstResponseMinutes),
    times(t('reports.sla.resolutionTime'), (r) => r.resolutionMinutes),
  ];
  const leaves = 2 + kinds.length;
  return (
    <Table<SlaReportRow>
      rowKey={(r) => r.key ?? ''}
      size="middle"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={columns}
      dataSource={report.rows}
      locale={{ emptyText: t('reports.sla.empty') }}
      summary={() =>
        report.rows.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t('reports.sla.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {report.totals.tickets}
            </Table.Summary.Cell>
            {kinds.map((k, i) => (
              <Table.Summary.Cell key={k} index={2 + i}>
                {outcome(k, report.totals)}
              </Table.Summary.Cell>
            ))}
            {[report.totals.firstResponseMinutes, report.totals.resolutionMinutes].flatMap((m, i) => [
              <Table.Summary.Cell key={`${i}m`} index={leaves + i * 2} align="right">
                {formatMinutes(m.median, t)}
              </Table.Summary.Cell>,
              <Table.Summary.Cell key={`${i}p`} index={leaves + i * 2 + 1} align="right">
                {formatMinutes(m.p90, t)}
              </Table.Summary.Cell>,
            ])}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
