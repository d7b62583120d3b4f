import type { TFunction } from 'i18next';
import { slaTargetKinds, type SlaReport, type SlaReportGrouping, type SlaReportRow } from '@kefu/contracts';

/** Minutes as support staff read a duration: "45 min", "3 h 20 min". */
export function formatMinutes(minutes: number | null, t: TFunction): string {
  if (minutes === null) return t('common.empty');
  if (minutes < 1) return t('reports.sla.underMinute');
  const whole = Math.round(minutes);
  if (whole < 60) return t('reports.sla.minutes', { m: whole });
  return t('reports.sla.hoursMinutes', { h: Math.floor(whole / 60), m: whole % 60 });
}

export const formatPercent = (share: number | null, t: TFunction) => (share === null ? t('common.empty') : `${(share * 100).toFixed(1)}%`);

/** The group's name: enums through the ticket translations, records by the name the server sent. */
export function groupLabel(row: Pick<SlaReportRow, 'key' | 'label'>, groupBy: SlaReportGrouping, t: TFunction): string {
  const key = row.key;
  if (key === null) return t(`reports.sla.none.${groupBy}`);
  if (groupBy === 'priority') return t(`tickets.priority.${key as 'low'}`, { defaultValue: key });
  if (groupBy === 'type') return t(`tickets.type.${key as 'inquiry'}`, { defaultValue: key });
  if (groupBy === 'category') return t(`tickets.category.${key as 'other'}`, { defaultValue: key });
  return row.label;
}

/** Targets some ticket in the report was judged on; the others would only draw empty bars and columns. */
export const judgedTargets = (report: SlaReport) =>
  slaTargetKinds.filter((k) => report.totals.targets[k].met + report.totals.targets[k].breached > 0);
