import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaReport, SlaTargetKind } from '@kefu/contracts';
import { groupLabel, judgedTargets } from '../format';
import { EChart, type ChartOption } from './EChart';

const colors: Record<SlaTargetKind, { met: string; breached: string; line: string }> = {
  first_response: { met: '#52c41a', breached: '#ff4d4f', line: '#1677ff' },
  next_response: { met: '#95de64', breached: '#ff9c6e', line: '#722ed1' },
  resolution: { met: '#237804', breached: '#a8071a', line: '#13c2c2' },
};

/** Per group: met and breached stacked per target (left axis), and each target's attainment (right axis, %). */
export function SlaAttainmentChart({ report }: { report: SlaReport }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const kinds = judgedTargets(report);
    const name = (k: SlaTargetKind) => t(`reports.sla.targets.${k}`);
    const bars = kinds.flatMap((k) =>
      (['met', 'breached'] as const).map((outcome) => ({
        type: 'bar' as const,
        name: t(`reports.sla.series.${outcome}`, { target: name(k) }),
        stack: k,
        barMaxWidth: 28,
        itemStyle: { color: colors[k][outcome] },
        data: report.rows.map((r) => r.targets[k][outcome]),
      })),
    );
    const lines = kinds.map((k) => ({
      type: 'line' as const,
      name: t('reports.sla.series.attainment', { target: name(k) }),
      yAxisIndex: 1,
      symbolSize: 7,
      connectNulls: false,
      itemStyle: { color: colors[k].line },
      data: report.rows.map((r) => {
        const share = r.targets[k].attainment;
        return share === null ? null : Math.round(share * 1000) / 10;
      }),
    }));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 56, top: 48, bottom: 64 },
      xAxis: {
        type: 'category',
        data: report.rows.map((r) => groupLabel(r, report.groupBy, t)),
        axisLabel: { interval: 0, rotate: report.rows.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' },
      },
      yAxis: [
        { type: 'value', name: t('reports.sla.targetCount'), minInterval: 1 },
        { type: 'value', name: t('reports.sla.attainment'), min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [...bars, ...lines],
    };
  }, [report, t]);
  return <EChart option={option} label={t('reports.sla.chartLabel')} height={380} />;
}
