import { text } from './i18n.mjs';

const zh = text['zh-CN'];

/** Waits for the first match to show; a failure names what the user should have seen, not a selector. */
export async function expectVisible(locator, what, timeout) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected to see ${what}`);
  }
}

/**
 * Signs in through the login form. With a baseURL it opens /login first; with null it uses the form
 * already on screen, keeping the ?next= the app put there. A null landing skips the wait, for a
 * sign-in that is meant to be refused.
 */
export async function signIn(page, baseURL, { email, password }, landing = /\/admin$/) {
  if (baseURL) await page.goto(`${baseURL}/login`);
  await page.getByLabel(zh.login.email).fill(email);
  await page.getByLabel(zh.login.password).fill(password);
  // The submit button's accessible name gains antd's loading icon while a request is in flight.
  await page.locator('form button[type="submit"]', { hasText: zh.login.submit }).click();
  if (landing) await page.waitForURL(landing);
}

/** The signed-in page's own session, for seeding and for checking what the server stored. */
export function apiOf(page, baseURL) {
  return async (method, url, data) => {
    const res = await page.request.fetch(`${baseURL}/api/v1${url}`, { method, data });
    if (!res.ok()) throw new Error(`${method} ${url} answered ${res.status()}: ${await res.text()}`);
    return res.status() === 204 ? null : res.json();
  };
}

/** Picks an option in an antd Select by its title; `search` types it first, for lists too long to show it. */
export async function choose(page, box, option, { search = false } = {}) {
  await box.click();
  if (search) await box.fill(option);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
  await page.keyboard.press('Escape');
}

/**
 * Ticks a radio or checkbox and waits until it shows as checked. A click that lands while an antd
 * dialog is still animating in can be swallowed on a busy machine, so the click is repeated.
 */
export async function check(locator, what = 'the choice') {
  for (let attempt = 0; attempt < 5; attempt++) {
    await locator.click();
    for (let i = 0; i < 10; i++) {
      if (await locator.isChecked()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`could not tick ${what}`);
}

/** Whether the server offers the realtime WebSocket (it is built separately from the console). */
export async function realtimeAvailable(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/realtime`);
        const done = (ok) => {
          clearTimeout(timer);
          ws.onopen = ws.onerror = ws.onclose = null;
          ws.close();
          resolve(ok);
        };
        const timer = setTimeout(() => done(false), 3000);
        ws.onopen = () => done(true);
        ws.onerror = () => done(false);
        ws.onclose = () => done(false);
      }),
  );
}
