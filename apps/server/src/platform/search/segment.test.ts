import { describe, expect, it } from 'vitest';
import { indexText, MAX_QUERY_CHARS, queryTerms, segment } from './segment.js';

describe('segment', () => {
  it('cuts Chinese into words and keeps the words inside longer ones', () => {
    const words = segment('我要退款，物流延迟了三天，请开发票').split(' ');
    expect(words).toEqual(expect.arrayContaining(['退款', '物流', '延迟', '发票', '开发票']));
    expect(words).not.toContain('，');
  });

  it('leaves Latin text for PostgreSQL, full-width letters folded to ASCII', () => {
    expect(segment('订单ABC-123 发给 a@b.com，ｒｅｆｕｎｄ ２０２６')).toBe('订单 ABC-123 发给 a@b.com,refund 2026');
  });

  it('splits what each configuration indexes', () => {
    expect(indexText('Refunds 退款申请 delivered')).toEqual({ cjk: '退款 申请', other: 'Refunds delivered' });
  });

  it('does not crash on Traditional Chinese, emoji, control characters or empty text', () => {
    expect(segment('申請退款，物流延遲，電子發票')).toContain('退款');
    expect(segment('😀\u0000\u0007退款\u200b')).toBe('退款');
    expect(segment('')).toBe('');
    expect(segment('，。！？')).toBe('');
  });
});

describe('queryTerms', () => {
  it('keeps words in order and tags their kind', () => {
    expect(queryTerms('物流延迟 refunds')).toEqual([
      { text: '物流', kind: 'cjk' },
      { text: '延迟', kind: 'cjk' },
      { text: 'refunds', kind: 'latin' },
    ]);
  });

  it("drops tsquery syntax: & | ! : * ( ) ' \\", () => {
    expect(queryTerms("a & | ! : * ( ) ' \\ <-> b:* !c (d|e) 'f'")).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((text) => ({ text, kind: 'latin' })),
    );
    expect(queryTerms("&|!:*()'")).toEqual([]);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('keeps e-mail addresses and part numbers whole', () => {
    expect(queryTerms('zhang.wei@example.com, SKU-42.')).toEqual([
      { text: 'zhang.wei@example.com', kind: 'latin' },
      { text: 'SKU-42', kind: 'latin' },
    ]);
  });

  it('bounds the work an oversized query can cause', () => {
    const terms = queryTerms('退款 '.repeat(10_000));
    expect(terms.length).toBeLessThanOrEqual(32);
    expect(queryTerms('x'.repeat(MAX_QUERY_CHARS * 10))[0]!.text.length).toBe(MAX_QUERY_CHARS);
  });
});
