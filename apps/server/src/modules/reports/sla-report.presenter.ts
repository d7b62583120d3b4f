import {
  complaintCategories, ticketPriorities, ticketTypes,
  type SlaReportGrouping, type SlaReportOutcome, type SlaReportRow,
} from '@kefu/contracts';
import type { SlaReportFigures } from './sla-report.repository.js';

const outcome = (met: number | null, breached: number | null): SlaReportOutcome => {
  const m = Number(met ?? 0);
  const b = Number(breached ?? 0);
  return { met: m, breached: b, attainment: m + b === 0 ? null : m / (m + b) };
};

// Hundredths of a minute: finer digits are noise of millisecond timestamps.
const rounded = (x: number | null) => (x === null ? null : Math.round(Number(x) * 100) / 100);

export function presentSlaReportRow(f: SlaReportFigures): SlaReportRow {
  return {
    key: f.key,
    label: f.key === null ? '' : (f.label ?? f.key),
    tickets: Number(f.tickets ?? 0),
    targets: {
      first_response: outcome(f.frMet, f.frBreached),
      next_response: outcome(f.nrMet, f.nrBreached),
      resolution: outcome(f.resMet, f.resBreached),
    },
    firstResponseMinutes: { median: rounded(f.frMedian), p90: rounded(f.frP90) },
    resolutionMinutes: { median: rounded(f.resMedian), p90: rounded(f.resP90) },
  };
}

/** Enum groups in their natural order (priority most urgent first); named groups by name; "none" last. */
const enumOrder: Partial<Record<SlaReportGrouping, readonly string[]>> = {
  priority: [...ticketPriorities].reverse(),
  type: ticketTypes,
  category: complaintCategories,
};

export function sortSlaReportRows(rows: SlaReportRow[], groupBy: SlaReportGrouping, locale: string): SlaReportRow[] {
  const order = enumOrder[groupBy];
  const collator = new Intl.Collator(locale);
  const rank = (r: SlaReportRow) => (order && r.key !== null ? order.indexOf(r.key) : 0);
  return [...rows].sort((a, b) => {
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    return rank(a) - rank(b) || collator.compare(a.label, b.label) || (a.key ?? '').localeCompare(b.key ?? '');
  });
}
