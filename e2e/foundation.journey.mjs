// Foundation: an admin sets up a team and an agent, switches language both ways, signs out,
// and the new agent signs in to the agent console.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { expectVisible, signIn, choose, check } from './lib/steps.mjs';

export const name = 'foundation: admin creates team and agent, language switch, agent signs in';

const zh = text['zh-CN'];
const en = text.en;

async function waitForToastsGone(page) {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function seedColleagues(page, baseURL) {
  const post = async (path, data) => {
    const res = await page.request.post(`${baseURL}/api/v1${path}`, { data });
    if (!res.ok()) throw new Error(`POST ${path} answered ${res.status()}: ${await res.text()}`);
    return res.json();
  };
  const support = await post('/teams', { name: '技术支持', description: '产品故障排查与远程协助', assignmentMode: 'least_open' });
  const quality = await post('/teams', { name: '质检', description: '投诉复核与服务质量抽检' });
  await post('/users', { email: 'wang.fang@example.com', name: '王芳', role: 'supervisor', password: 'colleague-pass-1', teamIds: [support.id, quality.id] });
  await post('/users', { email: 'chen.jing@example.com', name: '陈静', role: 'agent', password: 'colleague-pass-1', teamIds: [support.id] });
  await post('/users', { email: 'zhao.lei@example.com', name: 'Zhao Lei', role: 'agent', password: 'colleague-pass-1', locale: 'en', teamIds: [quality.id] });
  const org = await post('/organizations', { name: '上海云帆科技有限公司', domains: ['yunfan.cn'], tags: ['重点客户'], sharedTickets: true });
  await post('/customers', { name: '周婷', emails: ['zhou.ting@yunfan.cn'], phones: ['+86 139 1234 5678'], organizationId: org.id, tags: ['VIP'] });
  await post('/customers', { name: '刘洋', emails: ['liu.yang@yunfan.cn'], organizationId: org.id });
  await post('/customers', { name: 'Emily Carter', emails: ['emily@northwind.example'], locale: 'en' });
}

export async function run({ page, baseURL, admin, root }) {
  // Every run starts on a fresh database (run.mjs), so fixed, realistic names are safe.
  const team = '售后服务组';
  const agent = { name: '李小明', email: 'li.xiaoming@example.com', password: 'agent-pass-12345' };
  // README screenshots are refreshed on request only (E2E_SCREENSHOTS=1), so test runs leave the tree clean.
  const shots = process.env.E2E_SCREENSHOTS === '1' ? path.join(root, 'docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-shots-'));

  // A protected page sends a signed-out visitor to the login page, remembering where to return.
  await page.goto(`${baseURL}/admin`);
  await page.waitForURL(/\/login\?next=%2Fadmin/);

  // Wrong password: the server's 401 shows as the translated message.
  await signIn(page, null, { email: admin.email, password: 'not-the-password' }, null);
  await expectVisible(page.getByRole('alert').filter({ hasText: zh.errors.invalid_credentials }), 'the invalid-credentials message');

  await signIn(page, null, admin, /\/admin\/users$/);
  await expectVisible(page.getByRole('heading', { name: zh.users.title }), 'the users page');

  // Create a team.
  await page.getByRole('menuitem', { name: zh.nav.teams, exact: true }).click();
  await page.getByRole('button', { name: zh.teams.create }).click();
  await page.getByLabel(zh.teams.name, { exact: true }).fill(team);
  await page.getByLabel(zh.teams.descriptionField).fill('退换货、维修与安装');
  await check(page.getByLabel(zh.assignmentModes.round_robin));
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expectVisible(page.getByRole('row').filter({ hasText: team }), `the team "${team}" in the list`);

  // Create an agent in that team; a too-short password is refused by the contract rule first.
  await page.getByRole('menuitem', { name: zh.nav.users, exact: true }).click();
  await page.getByRole('button', { name: zh.users.create }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel(zh.users.name, { exact: true }).fill(agent.name);
  await drawer.getByLabel(zh.users.email, { exact: true }).fill(agent.email);
  await drawer.getByLabel(zh.users.password, { exact: true }).fill('short');
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  await expectVisible(drawer.getByText(zh.validation.tooShort.replace('{{min}}', '10')), 'the password length rule');
  await drawer.getByLabel(zh.users.password, { exact: true }).fill(agent.password);
  await choose(page, page.getByLabel(zh.users.teams), team, { search: true });
  await page.getByRole('button', { name: zh.common.save, exact: true }).click();
  const agentRow = page.getByRole('row').filter({ hasText: agent.email });
  await expectVisible(agentRow, 'the new agent in the users list');
  await expectVisible(agentRow.getByText(team), 'the agent\'s team in the users list');

  // A few more colleagues through the API, so the screenshot shows a lived-in list.
  await seedColleagues(page, baseURL);
  await page.reload();
  await expectVisible(page.getByRole('row').filter({ hasText: 'wang.fang@example.com' }), 'the seeded colleagues');
  await waitForToastsGone(page);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(shots, 'admin-users.png') });

  // Switch to English: menu labels change, and the choice is saved on the account.
  const isSaveLocale = (r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH' && r.ok();
  let saved = page.waitForResponse(isSaveLocale);
  await page.getByRole('button', { name: zh.lang['zh-CN'] }).click();
  await page.getByRole('menuitem', { name: en.lang.en }).click();
  await expectVisible(page.getByRole('menuitem', { name: en.nav.users, exact: true }), 'the English menu');
  if (await page.getByRole('menuitem', { name: zh.nav.users, exact: true }).count()) throw new Error('Chinese menu still shown');
  await saved;
  await page.reload();
  await expectVisible(page.getByRole('heading', { name: en.users.title }), 'English after reload (locale saved on the account)');

  // And back to Chinese.
  saved = page.waitForResponse(isSaveLocale);
  await page.getByRole('button', { name: en.lang.en }).click();
  await page.getByRole('menuitem', { name: zh.lang['zh-CN'] }).click();
  await expectVisible(page.getByRole('menuitem', { name: zh.nav.users, exact: true }), 'the Chinese menu again');
  await saved;

  // Sign out from the avatar menu.
  await page.getByRole('button', { name: admin.name }).click();
  await page.getByRole('menuitem', { name: zh.nav.signOut }).click();
  await page.waitForURL(/\/login/);

  // The agent signs in and lands on the agent console with their name and team.
  await signIn(page, null, agent, /\/agent$/);
  await expectVisible(page.getByRole('heading', { name: agent.name }), 'the agent\'s name in the greeting');
  await expectVisible(page.getByText(team), 'the agent\'s team on the dashboard');
  await expectVisible(page.getByRole('menuitem', { name: zh.nav.customers, exact: true }), 'the customers menu');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(shots, 'agent-console.png') });

  // Agents are not admins: the admin console answers with a 403 page, not a crash.
  await page.goto(`${baseURL}/admin/users`);
  await expectVisible(page.getByText(zh.result.forbiddenTitle), 'the 403 page for an agent');
}
