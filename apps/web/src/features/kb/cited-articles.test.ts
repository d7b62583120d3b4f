import { describe, expect, it } from 'vitest';
import { citedArticleIds, maxCitedArticles } from './cited-articles';

const id = (n: number) => `01a20b05-72f9-77f6-bcc3-${String(n).padStart(12, '0')}`;

describe('citedArticleIds', () => {
  it('finds the inserted link in a plain-text reply, in order, once each', () => {
    const html = [
      `<p>参考文章：蓝牙耳机配对指南 http://localhost:3000/portal/kb/articles/${id(2)}</p>`,
      `<p>See <a href="https://help.example.com/portal/kb/articles/${id(1).toUpperCase()}">this</a> and again /portal/kb/articles/${id(2)}</p>`,
    ];
    expect(citedArticleIds(html)).toEqual([id(2), id(1)]);
  });

  it('ignores look-alikes: other paths, short or over-long ids, ids followed by more hex', () => {
    const html = [
      `<p>/agent/kb/articles/${id(3)} /portal/kb/articles/not-an-id /portal/kb/articles/${id(4).slice(0, 30)}</p>`,
      `<p>/portal/kb/articles/${id(5)}abc /portal/kb/articles/${id(6)}-0</p>`,
      '<script>/portal/kb/articles/</script>',
    ];
    expect(citedArticleIds(html)).toEqual([]);
  });

  it(`offers at most ${maxCitedArticles} articles however many are cited`, () => {
    const html = [Array.from({ length: 40 }, (_, i) => `/portal/kb/articles/${id(i)}`).join(' ')];
    expect(citedArticleIds(html)).toHaveLength(maxCitedArticles);
  });

  it('copes with a very long body without a catastrophic pattern', () => {
    const html = [`${'/portal/kb/articles/'.repeat(20_000)}${'a'.repeat(200_000)}`];
    expect(citedArticleIds(html)).toEqual([]);
  });
});
