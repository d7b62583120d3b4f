import { Alert, Button, Card, DatePicker, Flex, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { roleRank, slaReportGroupings, slaReportMaxDays, type SlaReportGrouping } from '@kefu/contracts';
import { problemMessage } from '../../../shared/api/problem-message';
import { useUrlFilters } from '../../../shared/list/use-url-filters';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { formatDateTime } from '../../../shared/ui/format';
import { useSession } from '../../auth/hooks/use-session';
import { slaReportCsvUrl, type SlaReportParams } from '../api';
import { useSlaReport } from '../hooks/use-sla-report';
import { SlaAttainmentChart } from './SlaAttainmentChart';
import { SlaReportTable } from './SlaReportTable';

const filterKeys = ['from', 'to', 'groupBy'] as const;
const DAY_FORMAT = 'YYYY-MM-DD';
const DEFAULT_DAYS = 30;

const isGrouping = (x: string | undefined): x is SlaReportGrouping => (slaReportGroupings as readonly string[]).includes(x ?? '');
const validDay = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid() ? dayjs(s).startOf('day') : null);

/**
 * The range in the URL is whole local days, both ends included (what the picker shows); the API
 * takes instants with the end excluded, so `to` becomes the start of the day after.
 */
function useReportParams() {
  const { filters, setFilters } = useUrlFilters(filterKeys);
  const today = dayjs().startOf('day');
  const last = validDay(filters.to) ?? today;
  const first = validDay(filters.from) ?? last.subtract(DEFAULT_DAYS - 1, 'day');
  const groupBy: SlaReportGrouping = isGrouping(filters.groupBy) ? filters.groupBy : 'policy';
  const params: SlaReportParams = { from: first.toISOString(), to: last.add(1, 'day').toISOString(), groupBy };
  return { first, last, params, setFilters };
}

export function SlaReportPage() {
  const { session } = useSession();
  const allowed = !!session && roleRank[session.effectiveRole] >= roleRank.supervisor;
  return allowed ? <SlaReport /> : <ProblemResult status={403} home="/agent" />;
}

function SlaReport() {
  const { t } = useTranslation();
  const { first, last, params, setFilters } = useReportParams();
  const query = useSlaReport(params);
  const report = query.data;

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    setFilters({ from: range?.[0]?.format(DAY_FORMAT), to: range?.[1]?.format(DAY_FORMAT) });

  return (
    <>
      <PageHeader
        title={t('reports.sla.title')}
        description={t('reports.sla.description')}
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} href={slaReportCsvUrl(params)} download disabled={!report}>
            {t('reports.sla.download')}
          </Button>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Space>
          <Typography.Text type="secondary">{t('reports.sla.range')}</Typography.Text>
          <DatePicker.RangePicker
            aria-label={t('reports.sla.range')}
            allowClear={false}
            value={[first, last]}
            // A report covers at most a year: days further than that from the first pick are greyed out.
            disabledDate={(day, info) => !!info?.from && Math.abs(day.diff(info.from, 'day')) >= slaReportMaxDays}
            onChange={(range) => onRange(range)}
          />
        </Space>
        <Space>
          <Typography.Text type="secondary">{t('reports.sla.groupBy')}</Typography.Text>
          <Select<SlaReportGrouping>
            aria-label={t('reports.sla.groupBy')}
            style={{ width: 160 }}
            value={params.groupBy}
            options={slaReportGroupings.map((g) => ({ value: g, label: t(`reports.sla.groupings.${g}`) }))}
            onChange={(groupBy) => setFilters({ groupBy })}
          />
        </Space>
        {report ? (
          <Typography.Text type="secondary">{t('reports.sla.asOf', { time: formatDateTime(report.asOf) })}</Typography.Text>
        ) : null}
      </Flex>
      {query.isError ? (
        <Alert type="error" showIcon message={problemMessage(query.error, t)} style={{ marginBottom: 16 }} />
      ) : null}
      <Card title={t('reports.sla.chartTitle')} loading={query.isPending} style={{ marginBottom: 16 }}>
        {report && report.rows.length > 0 ? <SlaAttainmentChart report={report} /> : <Typography.Text type="secondary">{t('reports.sla.empty')}</Typography.Text>}
      </Card>
      <Card title={t('reports.sla.tableTitle')} loading={query.isPending}>
        {report ? <SlaReportTable report={report} /> : null}
      </Card>
    </>
  );
}
