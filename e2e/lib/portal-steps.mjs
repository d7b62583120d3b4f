import { text } from './i18n.mjs';

const zh = text['zh-CN'];
const a = zh.accounts;

/**
 * The verification link the server mailed to `email`, read from the admin's outbox (mail is sent by
 * a job, so it is polled for). `adminApi` is `apiOf(adminPage, baseURL)`. Returns the link's path
 * and query, to open on the server under test whatever public URL the mail names.
 */
export async function verificationPath(adminApi, email, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { items } = await adminApi('GET', `/outbox?to=${encodeURIComponent(email)}`);
    for (const summary of items) {
      const mail = await adminApi('GET', `/outbox/${summary.id}`);
      const token = /\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (token) return `/verify?token=${token}`;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`expected a verification mail to ${email} in the outbox`);
}

/**
 * A customer signs up from the portal's sign-in page, then follows the verification link from the
 * outbox, which signs them in and lands in the portal.
 */
export async function signUpCustomer(page, baseURL, customer, adminApi) {
  await page.goto(`${baseURL}/login`);
  await page.getByRole('link', { name: a.login.signUp }).click();
  await page.waitForURL(/\/signup$/);
  await page.getByLabel(a.fields.name, { exact: true }).fill(customer.name);
  await page.getByLabel(zh.login.email).fill(customer.email);
  await page.getByLabel(a.fields.newPassword, { exact: true }).fill(customer.password);
  await page.getByLabel(a.fields.confirmPassword).fill(customer.password);
  await page.getByRole('button', { name: a.signup.submit }).click();
  await page.waitForURL(/\/check-email\?for=signup/);
  await page.goto(`${baseURL}${await verificationPath(adminApi, customer.email)}`);
  await page.waitForURL(/\/portal$/);
}
