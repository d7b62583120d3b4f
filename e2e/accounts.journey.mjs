// Customer accounts and portal branding: an admin brands the portal (name, colour, one language,
// sign-in links on); a customer signs up on the sign-up page, is refused sign-in until verified,
// follows the link from the outbox and lands in the branded portal; then forgets the password,
// resets it from the mailed link (used once), and signs in with a mailed sign-in link.
import path from 'node:path';
import { text } from './lib/i18n.mjs';
import { apiOf, expectVisible, signIn } from './lib/steps.mjs';

export const name = 'Customer accounts: branded sign-up, verification from the outbox, password reset, sign-in link';

const zh = text['zh-CN'];
const a = zh.accounts;

/** The newest link of `kind` mailed to `email`, polled from the outbox (a job sends it). */
async function mailedLink(api, email, pathName, after = new Set()) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const { items } = await api('GET', `/outbox?to=${encodeURIComponent(email)}`);
    for (const summary of items) {
      if (after.has(summary.id)) continue;
      const mail = await api('GET', `/outbox/${summary.id}`);
      const m = new RegExp(`(/${pathName}\\?token=[A-Za-z0-9_-]+)`).exec(mail.text);
      if (m) return { path: m[1], id: summary.id };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`expected a ${pathName} mail to ${email} in the outbox`);
}

export async function run({ page, context, baseURL, admin, root }) {
  const staffContext = await context.browser().newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  staffContext.setDefaultTimeout(15_000);
  const staff = await staffContext.newPage();
  await signIn(staff, baseURL, admin);
  const api = apiOf(staff, baseURL);
  try {
    // ---- The admin brands the portal on its settings page.
    await staff.goto(`${baseURL}/admin/portal-settings`);
    await staff.getByLabel(a.portal.name, { exact: true }).fill('华联客服中心');
    await staff.getByLabel(zh.lang.en).uncheck();
    await staff.getByLabel(a.portal.loginLink).click();
    await staff.getByRole('button', { name: zh.common.save }).click();
    await expectVisible(staff.getByText(a.portal.saved), 'the settings saved');
    await api('PUT', '/portal/settings', { primaryColor: '#0a7d3b' });
    await staff.screenshot({ path: path.join(root, 'e2e/artifacts/accounts-portal-settings.png'), fullPage: true });

    // ---- A customer signs up from the sign-in page, which carries the portal's name and colour.
    const email = `li.lei.${Date.now()}@example.com`;
    await page.goto(`${baseURL}/login`);
    await expectVisible(page.getByText('华联客服中心'), 'the portal name on the sign-in page');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/accounts-login.png') });
    await page.getByRole('link', { name: a.login.signUp }).click();
    await page.waitForURL(/\/signup$/);
    await page.getByLabel(a.fields.name, { exact: true }).fill('李雷');
    await page.getByLabel(zh.login.email).fill(email);
    await page.getByLabel(a.fields.newPassword, { exact: true }).fill('1234567890');
    await page.getByLabel(a.fields.confirmPassword).fill('1234567890');
    await page.getByRole('button', { name: a.signup.submit }).click();
    await expectVisible(page.getByText(a.fields.weakPassword), 'a weak password refused on its field');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/accounts-signup.png') });
    await page.getByLabel(a.fields.newPassword, { exact: true }).fill('blue-lantern-orchard-7');
    await page.getByLabel(a.fields.confirmPassword).fill('blue-lantern-orchard-7');
    await page.getByRole('button', { name: a.signup.submit }).click();
    await page.waitForURL(/\/check-email\?for=signup/);
    await expectVisible(page.getByText(a.check.title), '"check your mail"');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/accounts-check-email.png'), fullPage: true });

    // Not verified yet: the sign-in is refused with a way to get the mail again.
    await signIn(page, baseURL, { email, password: 'blue-lantern-orchard-7' }, null);
    await expectVisible(page.getByRole('alert').getByText(zh.errors.email_not_verified), 'the unverified sign-in refused');
    await expectVisible(page.getByRole('link', { name: a.login.resend }), 'a resend link');

    // ---- The link from the outbox verifies the address and signs in to the branded portal.
    const verify = await mailedLink(api, email, 'verify');
    await page.goto(`${baseURL}${verify.path}`);
    await page.waitForURL(/\/portal$/);
    await expectVisible(page.getByTestId('portal-name').getByText('华联客服中心'), 'the portal name in the header');
    await page.screenshot({ path: path.join(root, 'e2e/artifacts/accounts-portal.png'), fullPage: true });
    // Used once: the same link again says so.
    await page.context().clearCookies();
    await page.goto(`${baseURL}${verify.path}`);
    await expectVisible(page.getByText(a.link.used), 'the used link explained');

    // ---- Forgot password → mailed link → new password → signed in; the old password stops working.
    await page.goto(`${baseURL}/login`);
    await page.getByRole('link', { name: a.login.forgot }).click();
    // The sign-in page has an email field too: fill only once the next page is the one showing.
    await page.waitForURL(/\/forgot-password$/);
    await page.getByRole('button', { name: a.forgot.submit }).waitFor();
    await page.getByLabel(zh.login.email).fill(email);
    await page.getByRole('button', { name: a.forgot.submit }).click();
    await page.waitForURL(/\/check-email\?for=reset/);
    const reset = await mailedLink(api, email, 'reset-password');
    await page.goto(`${baseURL}${reset.path}`);
    await page.getByLabel(a.fields.newPassword, { exact: true }).fill('silver-harbour-lantern-4');
    await page.getByLabel(a.fields.confirmPassword).fill('silver-harbour-lantern-4');
    await page.getByRole('button', { name: a.reset.submit }).click();
    await page.waitForURL(/\/portal$/);
    await page.context().clearCookies();
    await signIn(page, baseURL, { email, password: 'blue-lantern-orchard-7' }, null);
    await expectVisible(page.getByRole('alert').getByText(zh.errors.invalid_credentials), 'the old password refused');

    // ---- A sign-in link instead of a password.
    await page.getByRole('link', { name: a.login.withLink }).click();
    await page.waitForURL(/\/login-link$/);
    await page.getByRole('button', { name: a.loginLink.submit }).waitFor();
    await page.getByLabel(zh.login.email).fill(email);
    await page.getByRole('button', { name: a.loginLink.submit }).click();
    await page.waitForURL(/\/check-email\?for=link/);
    const link = await mailedLink(api, email, 'login-link');
    await page.goto(`${baseURL}${link.path}`);
    await page.waitForURL(/\/portal$/);
  } finally {
    // Journeys share one server: leave the portal as it was.
    await api('PUT', '/portal/settings', { name: '', primaryColor: '#1d4ed8', languages: ['zh-CN', 'en'], signupMode: 'open', loginLinkEnabled: false, logo: null });
    await staffContext.close();
  }
}
