import { describe, expect, it } from 'vitest';
import type { SlaReport, SlaReportRow } from '@kefu/contracts';
import { csvCell, slaReportCsv } from './sla-report.csv.js';

const row = (key: string | null, label: string, over: Partial<SlaReportRow> = {}): SlaReportRow => ({
  key, label, tickets: 3,
  targets: {
    first_response: { met: 2, breached: 1, attainment: 2 / 3 },
    next_response: { met: 0, breached: 0, attainment: null },
    resolution: { met: 1, breached: 0, attainment: 1 },
  },
  firstResponseMinutes: { median: 12.5, p90: 40 },
  resolutionMinutes: { median: null, p90: null },
  ...over,
});

describe('csvCell', () => {
  it('defuses texts a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=cmd')).toBe(`"'\r=cmd"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes commas, quotes and line breaks, and leaves numbers and empties alone', () => {
    expect(csvCell('售后, 一组')).toBe('"售后, 一组"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('两行\n文字')).toBe('"两行\n文字"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
  });
});

describe('slaReportCsv', () => {
  const report: SlaReport = {
    groupBy: 'category', from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', asOf: '2026-04-01T00:00:00.000Z',
    rows: [row('price', 'price'), row(null, '')],
    totals: row(null, '', { tickets: 6 }),
  };

  it('starts with a BOM, ends rows with CRLF and names enums and empty groups in the reader\'s language', () => {
    const zh = slaReportCsv(report, 'zh-CN');
    expect(zh.startsWith('\uFEFF投诉类别,工单数,首次响应 达成,')).toBe(true);
    const lines = zh.slice(1).split('\r\n');
    expect(lines).toEqual([
      expect.any(String),
      '价格,3,2,1,66.7,0,0,,1,0,100,12.5,40,,',
      '未分类,3,2,1,66.7,0,0,,1,0,100,12.5,40,,',
      '合计,6,2,1,66.7,0,0,,1,0,100,12.5,40,,',
      '',
    ]);
    const en = slaReportCsv(report, 'en').slice(1).split('\r\n');
    expect(en.slice(1, 4).map((l) => l.split(',')[0])).toEqual(['Price', 'Uncategorized', 'Total']);
    expect(en[0]!.split(',')).toHaveLength(15);
  });
});
