import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KbArticleStats, KbMissedSearch } from '@kefu/contracts';
import { formatDateTime } from '../../../shared/ui/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { ProblemResult } from '../../../shared/ui/ProblemResult';
import { EChart, type ChartOption } from '../../reports/components/EChart';
import { getKbAnalytics, kbResource } from '../api';
import { useKbBase } from '../hooks/use-kb-base';
import { StateTag } from './StateTag';

const series = ['views', 'downloads', 'helpful', 'notHelpful', 'deflections', 'searchesWithoutResult'] as const;

/** Views, downloads, votes and deflections per article and per day; searches that found nothing. */
export function KbAnalyticsPage() {
  const { t } = useTranslation();
  const base = useKbBase();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const data = useQuery({ queryKey: [kbResource, 'analytics', from, to], queryFn: ({ signal }) => getKbAnalytics({ from, to, limit: 100 }, signal) });
  const option = useMemo<ChartOption>(() => {
    const daily = data.data?.daily ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: daily.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((k) => ({ type: 'line', name: t(`kb.analytics.${k}`), showSymbol: false, data: daily.map((d) => d[k]) })),
    };
  }, [data.data, t]);
  if (data.isError) return <ProblemResult error={data.error} onRetry={() => void data.refetch()} />;
  const totals = data.data?.totals;
  return (
    <>
      <PageHeader
        title={t('kb.analytics.title')}
        description={t('kb.analytics.description')}
        extra={
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            aria-label={t('kb.analytics.range')}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {(['views', 'downloads', 'helpful', 'notHelpful', 'deflections', 'searches', 'searchesWithoutResult'] as const).map((k) => (
          <Col key={k} xs={12} md={6} xl={3}>
            <Card size="small" loading={data.isPending}><Statistic title={t(`kb.analytics.${k}`)} value={totals?.[k] ?? 0} /></Card>
          </Col>
        ))}
      </Row>
      <Card title={t('kb.analytics.daily')} style={{ marginBottom: 16 }} loading={data.isPending}>
        <EChart option={option} height={300} label={t('kb.analytics.daily')} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t('kb.analytics.perArticle')}>
            <Table<KbArticleStats>
              rowKey="id"
              size="small"
              loading={data.isPending}
              dataSource={data.data?.articles ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 860 }}
              columns={[
                { title: t('kb.fields.title'), dataIndex: 'title', minWidth: 220, render: (v: string, a) => <Link to={`${base}/articles/${a.id}`}>{v}</Link> },
                { title: t('kb.fields.state'), dataIndex: 'state', width: 90, render: (s: KbArticleStats['state']) => <StateTag state={s} /> },
                ...(['views', 'downloads', 'helpful', 'notHelpful', 'deflections', 'ticketUses'] as const).map((k) => ({
                  title: t(`kb.analytics.${k}`), dataIndex: k, width: 84, align: 'right' as const,
                  sorter: (a: KbArticleStats, b: KbArticleStats) => a[k] - b[k],
                })),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('kb.analytics.missed')} data-testid="kb-missed-searches">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('kb.analytics.missedHint')}</Typography.Paragraph>
            {(data.data?.missedSearches.length ?? 0) === 0 && !data.isPending ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.analytics.noMissed')} /> : (
              <Table<KbMissedSearch>
                rowKey="query"
                size="small"
                loading={data.isPending}
                dataSource={data.data?.missedSearches ?? []}
                pagination={{ pageSize: 15, hideOnSinglePage: true }}
                columns={[
                  { title: t('kb.analytics.query'), dataIndex: 'query', render: (q: string) => <Link to={`${base}/articles/new?title=${encodeURIComponent(q.slice(0, 200))}`}>{q}</Link> },
                  { title: t('kb.analytics.count'), dataIndex: 'count', width: 60, align: 'right' },
                  { title: t('kb.analytics.lastAt'), dataIndex: 'lastAt', width: 130, render: (v: string) => formatDateTime(v) },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
