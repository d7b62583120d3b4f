// Runs every e2e/*.journey.mjs against the built server in a real (Debian) Chromium.
// Usage: node e2e/run.mjs [filter]   (build first: npm run build)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const artifacts = path.join(here, 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const admin = { email: 'admin@example.com', password: 'e2e-admin-pass-2024', name: 'Administrator' };
const filter = process.argv[2];
const journeys = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.journey.mjs') && (!filter || f.includes(filter)))
  .sort();

let passed = 0;
let failed = 0;
let server;
let browser;
try {
  server = await startServer({ root, admin, logFile: path.join(artifacts, 'server.log') });
  browser = await launchBrowser();
  for (const file of journeys) {
    const journey = await import(pathToFileURL(path.join(here, file)).href);
    const name = journey.name ?? file;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const started = Date.now();
    try {
      await journey.run({ page, context, baseURL: server.baseURL, admin, root });
      if (consoleErrors.length) throw new Error(`uncaught page errors: ${consoleErrors.join(' | ')}`);
      passed += 1;
      console.log(`PASS ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    } catch (error) {
      failed += 1;
      const shot = path.join(artifacts, `${path.basename(file, '.journey.mjs')}-failure.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`     at ${page.url()}; screenshot: ${path.relative(root, shot)}`);
    } finally {
      await context.close();
    }
  }
} catch (error) {
  failed += 1;
  console.log(`FAIL setup: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
}

console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
