/*
 * The SLA report as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as
 * mojibake), CRLF rows, headings and enum values in the reader's language, and no cell that a
 * spreadsheet would run as a formula.
 */
import type {
  complaintCategories, Locale, SlaReport, SlaReportGrouping, SlaReportOutcome, SlaReportRow, SlaTargetKind, TicketPriority, TicketType,
} from '@kefu/contracts';

type ComplaintCategory = (typeof complaintCategories)[number];

const BOM = '\uFEFF';

interface Words {
  groups: Record<SlaReportGrouping, string>;
  none: Partial<Record<SlaReportGrouping, string>>;
  total: string;
  tickets: string;
  targets: Record<SlaTargetKind, string>;
  met: string;
  breached: string;
  attainment: string;
  firstResponse: string;
  resolution: string;
  median: string;
  p90: string;
  priority: Record<TicketPriority, string>;
  type: Record<TicketType, string>;
  category: Record<ComplaintCategory, string>;
}

const words: Record<Locale, Words> = {
  'zh-CN': {
    groups: { policy: 'SLA 策略', team: '服务组', agent: '客服代表', priority: '优先级', type: '类型', category: '投诉类别' },
    none: { team: '无服务组', agent: '未分配', category: '未分类' },
    total: '合计',
    tickets: '工单数',
    targets: { first_response: '首次响应', next_response: '后续响应', resolution: '解决' },
    met: '达成',
    breached: '超时',
    attainment: '达成率(%)',
    firstResponse: '首次响应时长',
    resolution: '解决时长',
    median: '中位数(分钟)',
    p90: 'P90(分钟)',
    priority: { low: '低', normal: '普通', high: '高', urgent: '紧急' },
    type: { inquiry: '咨询', request: '服务请求', repair: '报修', complaint: '投诉', suggestion: '建议' },
    category: { product_quality: '产品质量', service_attitude: '服务态度', delivery_delay: '交付延误', price: '价格', misleading_info: '误导信息', other: '其他' },
  },
  en: {
    groups: { policy: 'SLA policy', team: 'Team', agent: 'Agent', priority: 'Priority', type: 'Type', category: 'Complaint category' },
    none: { team: 'No team', agent: 'Unassigned', category: 'Uncategorized' },
    total: 'Total',
    tickets: 'Tickets',
    targets: { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' },
    met: 'met',
    breached: 'breached',
    attainment: 'attainment (%)',
    firstResponse: 'First response time',
    resolution: 'Resolution time',
    median: 'median (min)',
    p90: 'p90 (min)',
    priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
    type: { inquiry: 'Inquiry', request: 'Request', repair: 'Repair', complaint: 'Complaint', suggestion: 'Suggestion' },
    category: {
      product_quality: 'Product quality', service_attitude: 'Service attitude', delivery_delay: 'Delivery delay', price: 'Price',
      misleading_info: 'Misleading information', other: 'Other',
    },
  },
};

const kinds: SlaTargetKind[] = ['first_response', 'next_response', 'resolution'];

/**
 * One cell: a text that a spreadsheet would evaluate (= + - @, or a tab or carriage return that
 * some read as the start of one) is prefixed with ' so it stays text; quotes when needed. Numbers
 * are the report's own counts and minutes, never negative, so they pass as numbers.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function groupName(w: Words, groupBy: SlaReportGrouping, row: SlaReportRow): string {
  if (row.key === null) return w.none[groupBy] ?? '';
  if (groupBy === 'priority') return w.priority[row.key as TicketPriority] ?? row.key;
  if (groupBy === 'type') return w.type[row.key as TicketType] ?? row.key;
  if (groupBy === 'category') return w.category[row.key as ComplaintCategory] ?? row.key;
  return row.label;
}

const percent = (o: SlaReportOutcome) => (o.attainment === null ? null : Math.round(o.attainment * 1000) / 10);

const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');

export function slaReportCsv(report: SlaReport, locale: Locale): string {
  const w = words[locale];
  const header = [
    w.groups[report.groupBy], w.tickets,
    ...kinds.flatMap((k) => [`${w.targets[k]} ${w.met}`, `${w.targets[k]} ${w.breached}`, `${w.targets[k]} ${w.attainment}`]),
    `${w.firstResponse} ${w.median}`, `${w.firstResponse} ${w.p90}`, `${w.resolution} ${w.median}`, `${w.resolution} ${w.p90}`,
  ];
  const body = [...report.rows.map((r) => [r, groupName(w, report.groupBy, r)] as const), [report.totals, w.total] as const].map(([r, name]) =>
    line([
      name, r.tickets,
      ...kinds.flatMap((k) => [r.targets[k].met, r.targets[k].breached, percent(r.targets[k])]),
      r.firstResponseMinutes.median, r.firstResponseMinutes.p90, r.resolutionMinutes.median, r.resolutionMinutes.p90,
    ]),
  );
  return `${BOM}${[line(header), ...body].join('\r\n')}\r\n`;
}
