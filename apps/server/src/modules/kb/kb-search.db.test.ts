import { sql } from 'drizzle-orm';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { expectProblem, ok, rows, type Json } from '../../test/factories.js';
import { multipart } from '../../test/multipart.js';

let t: TestApp;
let agent: string;
let customer: string;
const ids: Record<string, string> = {};

async function article(key: string, body: Record<string, unknown>, state: 'published' | 'draft' = 'published') {
  const a = await ok(t, 201, 'POST', '/api/v1/kb/articles', agent, { bodyHtml: '<p>正文</p>', ...body });
  if (state === 'published') await ok(t, 200, 'POST', `/api/v1/kb/articles/${a.id}/state`, agent, { state });
  ids[key] = a.id;
  return a;
}

/** A one-page PDF whose page says `text` (Helvetica, ASCII). */
function pdfWith(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const docx = (text: string) => Buffer.from(zipSync({
  '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
  'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`),
}));

async function upload(filename: string, data: Buffer) {
  const m = multipart([{ filename, data }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/attachments', headers: { cookie: agent, ...m.headers }, payload: m.body });
  return res;
}

const search = async (q: string, auth: string | null = null, extra = '') =>
  (await ok(t, 200, 'GET', `/api/v1/kb/search?q=${encodeURIComponent(q)}${extra}`, auth)).items as Json[];
const found = async (q: string, auth: string | null = null) => (await search(q, auth)).map((i) => i.id);

beforeAll(async () => {
  t = await createTestApp();
  agent = (await t.staff('agent')).cookie;
  customer = (await t.customerUser()).cookie;
  await article('refund', { title: '如何申请退款', bodyHtml: '<p>进入订单页面，点击申请退款。退款<b>三个工作日</b>到账。</p>', tags: ['退款'] });
  await article('internal', { title: '退款审批内部流程', bodyHtml: '<p>主管审批退款超过500元的申请。</p>', visibility: 'internal' });
  await article('draft', { title: '退款草稿', bodyHtml: '<p>尚未发布的退款说明</p>' }, 'draft');
  await article('invoiceTw', { title: '電子發票開立', bodyHtml: '<p>會員中心可以開立電子發票。</p>' });
  await article('en', { title: 'Shipping and delivery times', bodyHtml: '<p>Orders ship within two days. Delivered by courier.</p>', locale: 'en' });
  await article('xss', { title: 'Script <b>title</b> & more', bodyHtml: '<p>&lt;script&gt;alert(1)&lt;/script&gt; tutorial about scripts</p>', locale: 'en' });
  const pdf = await upload('manual.pdf', pdfWith('Thermostat calibration procedure'));
  expect(pdf.statusCode, pdf.body).toBe(201);
  const word = await upload('保修.docx', docx('保修卡丢失可以凭发票维修'));
  expect(word.statusCode, word.body).toBe(201);
  await article('withFiles', { title: '产品说明书', bodyHtml: '<p>见附件</p>', attachmentIds: [pdf.json().id, word.json().id] });
}, 120_000);
afterAll(() => t.close());

describe('knowledge-base search', () => {
  it('finds Chinese, English (stemmed) and prefix matches, with highlighted, escaped snippets', async () => {
    const hits = await search('退款');
    expect(hits[0].id).toBe(ids.refund);
    expect(hits[0].titleHtml).toBe('如何申请<mark>退款</mark>');
    expect(hits[0].snippetHtml).toContain('<mark>退款</mark>');
    expect(await found('deliveries')).toEqual([ids.en]);
    expect(await found('shipp')).toEqual([ids.en]);
    const xss = await search('script');
    expect(xss[0].id).toBe(ids.xss);
    expect(xss[0].titleHtml).toBe('<mark>Script</mark> &lt;b&gt;title&lt;/b&gt; &amp; more');
    expect(xss[0].snippetHtml).not.toMatch(/<(?!\/?mark>)/);
  });

  it('finds 繁體 articles with 简体 queries and the other way round', async () => {
    expect(await found('电子发票')).toContain(ids.invoiceTw);
    expect(await found('申請退款')).toContain(ids.refund);
    // Matched on the 简体 folding, shown as the article is written.
    const hit = (await search('电子发票')).find((i) => i.id === ids.invoiceTw)!;
    expect(hit.titleHtml).toBe('<mark>電子</mark><mark>發票</mark>開立');
    expect(hit.snippetHtml).toBe('會員中心可以開立<mark>電子</mark><mark>發票</mark>。');
  });

  it("searches attachments' text (PDF and Word) and names the file in the result", async () => {
    const pdfHit = await search('thermostat calibration');
    expect(pdfHit.map((h) => h.id)).toEqual([ids.withFiles]);
    expect(pdfHit[0].attachmentName).toBe('manual.pdf');
    expect(pdfHit[0].snippetHtml).toContain('<mark>Thermostat</mark>');
    expect(await found('保修卡丢失')).toEqual([ids.withFiles]);
  });

  it('shows internal articles to staff only and drafts to nobody', async () => {
    expect(await found('审批', agent)).toContain(ids.internal);
    for (const auth of [null, customer]) {
      const got = await found('退款', auth);
      expect(got).toContain(ids.refund);
      expect(got).not.toContain(ids.internal);
      expect(got).not.toContain(ids.draft);
    }
    expect(await found('草稿', agent)).not.toContain(ids.draft);
    const suggested = (await ok(t, 200, 'GET', `/api/v1/kb/suggest?q=${encodeURIComponent('退款审')}`, customer)).items;
    expect(suggested.map((s: Json) => s.id)).not.toContain(ids.internal);
    expect((await ok(t, 200, 'GET', `/api/v1/kb/suggest?q=${encodeURIComponent('如何申请')}`, null)).items[0].id).toBe(ids.refund);
    // 开发票 is one word to jieba; and a question whose words no article holds all of still suggests.
    const suggest = async (q: string) => (await ok(t, 200, 'GET', `/api/v1/kb/suggest?q=${encodeURIComponent(q)}`, null)).items.map((s: Json) => s.id);
    expect(await suggest('怎么开发票')).toContain(ids.invoiceTw);
    expect(await suggest('退款 zyxwvut')).toEqual([ids.refund]);
    expect(await suggest('如何开电子发票')).toContain(ids.invoiceTw);
  });

  it('treats tsquery operators and SQL as text, and survives 10,000-character queries', async () => {
    for (const q of ["& | ! :* ( )", "退款 & !发票", "'; drop table kb_articles; --", "refund' | 'x", '\\', '😀'.repeat(50), '退款'.repeat(5000), 'a'.repeat(10_000), `${'x '.repeat(4999)}退款`]) {
      const res = await t.call('GET', `/api/v1/kb/search?q=${encodeURIComponent(q)}`, null);
      expect(res.statusCode, q.slice(0, 30)).toBe(200);
    }
    expect(await found('退款 & | ! :*')).toContain(ids.refund);
    expect(await found('& | ! :* ( )')).toEqual([]);
    expectProblem(await t.call('GET', `/api/v1/kb/search?q=${'a'.repeat(50_000)}`, null), 400, 'validation_failed', 'q');
    expectProblem(await t.call('GET', '/api/v1/kb/search?q=x&limit=1000', null), 400, 'validation_failed', 'limit');
    const [count] = await rows<{ n: number }>(t, sql`select count(*)::int as n from kb_articles`);
    expect(count!.n).toBeGreaterThan(5);
  });

  it('falls back to some of the words, then to title similarity, only when every word finds nothing', async () => {
    // Three words, one unknown: all but one must match. Two words, one unknown: either.
    expect(await found('courier delivery zyxwvut')).toEqual([ids.en]);
    expect(await found('退款 zyxwvut')).toEqual([ids.refund]);
    // A customer never gets the internal article through a looser pass either.
    expect(await found('审批 zyxwvut', customer)).toEqual([]);
    expect(await found('审批 zyxwvut', agent)).toEqual([ids.internal]);
    // A mistyped character splits the words so no precise pass matches; some of them still do.
    expect(await found('电子发漂开立')).toEqual([ids.invoiceTw]);
    // The last resort, titles by trigram similarity, keeps to the viewer's articles too.
    const byTitle = (staff: boolean) => rows<{ id: string; score: number }>(t, sql`select id, score from kb_title_ranks('shipping and delivery timez', ${staff}, null, 'en', 10, 300, 0.25)`);
    expect((await byTitle(false)).map((r) => r.id)).toEqual([ids.en]);
    expect((await byTitle(false))[0]!.score).toBeLessThan(0.02);
    const internal = (staff: boolean) => rows<{ id: string }>(t, sql`select id from kb_title_ranks('退款审批内部流程', ${staff}, null, null, 10, 300, 0.25)`);
    expect((await internal(false)).map((r) => r.id)).not.toContain(ids.internal);
    expect((await internal(true)).map((r) => r.id)).toContain(ids.internal);
  });

  it('never answers a repeated search from results an article change made stale', async () => {
    expect(await found('zephyrine')).toEqual([]);
    const a = await article('zephyr', { title: 'Zephyrine humidifier guide', bodyHtml: '<p>Fill the zephyrine tank.</p>', locale: 'en', visibility: 'internal' });
    // Same query, two audiences: staff see the internal article, the public still do not.
    expect(await found('zephyrine', agent)).toEqual([a.id]);
    expect(await found('zephyrine')).toEqual([]);
    await ok(t, 200, 'PATCH', `/api/v1/kb/articles/${a.id}`, agent, { visibility: 'public' });
    expect(await found('zephyrine')).toEqual([a.id]);
    await ok(t, 200, 'PATCH', `/api/v1/kb/articles/${a.id}`, agent, { title: 'Humidifier tank guide', bodyHtml: '<p>Fill the tank.</p>' });
    expect(await found('zephyrine')).toEqual([]);
    expect(await found('humidifier tank')).toEqual([a.id]);
    await ok(t, 200, 'POST', `/api/v1/kb/articles/${a.id}/state`, agent, { state: 'archived' });
    expect(await found('humidifier tank')).toEqual([]);
  });

  it('refuses uploads that are not documents or images, and from customers', async () => {
    const html = await upload('page.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expectProblem(html, 400, 'validation_failed', 'file');
    const m = multipart([{ filename: 'a.pdf', data: pdfWith('x') }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/kb/attachments', headers: { cookie: customer, ...m.headers }, payload: m.body });
    expectProblem(res, 403, 'forbidden');
  });
});
