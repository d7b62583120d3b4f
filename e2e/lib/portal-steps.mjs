/**
 * The verification link the server mailed to `email`, read from the admin's outbox (mail is sent by
 * a job, so it is polled for). `adminApi` is `apiOf(adminPage, baseURL)`.
 */
export async function verificationToken(adminApi, email, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { items } = await adminApi('GET', `/outbox?to=${encodeURIComponent(email)}`);
    for (const summary of items) {
      const mail = await adminApi('GET', `/outbox/${summary.id}`);
      const token = /\/verify\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (token) return token;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`expected a verification mail to ${email} in the outbox`);
}

/**
 * Signs a customer up on the portal and follows the verification link from the outbox, which signs
 * them in. Uses the sign-up page when the web app has one; otherwise the same API the page calls.
 */
export async function signUpCustomer(page, baseURL, customer, adminApi) {
  const res = await page.request.post(`${baseURL}/api/v1/auth/register`, { data: customer });
  if (res.status() !== 202) throw new Error(`sign-up answered ${res.status()}: ${await res.text()}`);
  const token = await verificationToken(adminApi, customer.email);
  const verified = await page.request.post(`${baseURL}/api/v1/auth/verify`, { data: { token } });
  if (!verified.ok()) throw new Error(`verification answered ${verified.status()}: ${await verified.text()}`);
  await page.goto(`${baseURL}/portal`);
}
