// SLA attainment report: an admin sets up a policy and two tickets (one answered in time, one
// waiting), opens 报表 → SLA 达成 from the menu, reads the chart and the table, regroups by team,
// downloads the CSV (UTF-8 with BOM) and checks that an agent is turned away.
import fs from 'node:fs';
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, apiOf } from './lib/steps.mjs';

export const name = 'SLA report: chart, table, grouping, CSV download, agents refused';

const zh = text['zh-CN'];
const rs = zh.reports.sla;

export async function run({ page, context, baseURL, admin }) {
  await signIn(page, baseURL, admin);
  const api = apiOf(page, baseURL);
  const stamp = Date.now().toString(36);
  const policy = await api('POST', '/sla-policies', {
    name: `报表演示 ${stamp}`, conditions: { tags: [`report-${stamp}`] },
    targets: { first_response: { minutes: 60, businessTime: false }, resolution: { minutes: 480, businessTime: false } },
  });
  const team = await api('POST', '/teams', { name: `报表一组 ${stamp}` });
  const customer = await api('POST', '/customers', { name: `报表客户 ${stamp}`, emails: [`report-${stamp}@example.com`] });
  const open = (subject) => api('POST', '/tickets', { subject, requesterId: customer.id, teamId: team.id, tags: [`report-${stamp}`] });
  const answered = await open('发票什么时候开');
  await open('还没人回复');
  await api('POST', `/tickets/${answered.id}/messages`, { body: '<p>今天下午开出</p>', internal: false });

  await page.getByRole('menuitem', { name: rs.nav }).click();
  await page.waitForURL(/\/agent\/reports\/sla$/);
  await expectVisible(page.getByRole('heading', { name: rs.title }), 'the report title', 10_000);
  await expectVisible(page.getByRole('img', { name: rs.chartLabel }), 'the attainment chart', 10_000);
  if ((await page.locator('[role="img"] canvas').count()) === 0) throw new Error('the chart drew no canvas');

  // One policy row: first response met 1, breached 0 (the waiting ticket is still running).
  const row = page.getByRole('row').filter({ hasText: policy.name });
  await expectVisible(row, 'the policy row', 10_000);
  const cells = await row.getByRole('cell').allInnerTexts();
  if (cells[1]?.trim() !== '2') throw new Error(`expected 2 tickets in the policy row, saw ${cells.join(' | ')}`);
  if (!/^1 \/ 0\s*100\.0%$/.test(cells[2]?.trim() ?? '')) throw new Error(`expected first response 1 / 0 100.0%, saw "${cells[2]}"`);

  await page.getByRole('combobox', { name: rs.groupBy }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(rs.groupings.team, { exact: true }).click();
  await page.waitForURL(/groupBy=team/);
  await expectVisible(page.getByRole('row').filter({ hasText: team.name }), 'the team row', 10_000);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: rs.download }).click()]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf) throw new Error('the CSV lacks the UTF-8 byte-order mark');
  const csv = bytes.subarray(3).toString('utf8');
  if (!csv.startsWith('服务组,工单数,')) throw new Error(`unexpected CSV header: ${csv.slice(0, 60)}`);
  if (!csv.includes(`${team.name},2,1,0,100,`)) throw new Error(`the CSV has no line for ${team.name}: ${csv}`);

  // An agent neither sees the menu entry nor gets the page.
  const password = 'agent-password-2024';
  const agent = await api('POST', '/users', { email: `report-agent-${stamp}@example.com`, name: '报表客服', role: 'agent', password });
  await context.clearCookies();
  await signIn(page, baseURL, { email: agent.email, password }, /\/agent$/);
  if (await page.getByRole('menuitem', { name: rs.nav }).count()) throw new Error('an agent sees the SLA report in the menu');
  await page.goto(`${baseURL}/agent/reports/sla`);
  await expectVisible(page.getByText(zh.result.forbiddenTitle), 'the 403 page for an agent', 10_000);
}
