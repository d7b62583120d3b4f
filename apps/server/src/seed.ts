import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig } from './config.js';
import { systemClock } from './platform/clock.js';
import type { AppDeps } from './platform/context.js';
import { openDatabase } from './platform/db/client.js';
import { migrate } from './platform/db/migrate.js';
import { openJobQueue } from './platform/jobs/index.js';
import { openRealtimeBus } from './platform/realtime/bus.js';
import { systemContext } from './modules/auth/index.js';
import { ensureFirstAdmin, users } from './modules/users/index.js';
import { DEMO_PASSWORD, seedDemo } from './seed/demo.js';
import { seedLoad } from './seed/load.js';

const usage = 'usage: npm run seed -- --demo | --load N   (stop the server first when using the embedded database)';

const { values } = parseArgs({ options: { demo: { type: 'boolean' }, load: { type: 'string' } } });
if (!values.demo && !values.load) {
  console.error(usage);
  process.exit(2);
}
const n = values.load === undefined ? 0 : Number(values.load);
if (values.load !== undefined && (!Number.isInteger(n) || n < 1 || n > 10_000_000)) {
  console.error(`--load takes a whole number from 1 to 10000000\n${usage}`);
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase(config);
await migrate(database);
const realtime = openRealtimeBus(database);
const log = pino({ level: 'warn' });
const jobs = await openJobQueue(database, { log });
const deps: AppDeps = { database, db: database.db, clock: systemClock, config, log, realtime, jobs };
const admin = await ensureFirstAdmin(deps);
if (admin?.password) console.log(`admin created: ${admin.email} / ${admin.password}`);
const [owner] = await database.db.select().from(users).where(eq(users.role, 'admin')).limit(1);
const ctx = systemContext({ userId: owner!.id, email: owner!.email, name: 'seed', role: 'admin', userRole: 'admin', locale: 'zh-CN', customerId: null, via: 'session' });

const started = Date.now();
if (values.demo) {
  const r = await seedDemo(deps, ctx);
  console.log(r.skipped ? 'demo data already present; nothing to do' : `demo loaded: ${JSON.stringify(r)}; staff password: ${DEMO_PASSWORD}`);
}
if (n) {
  const r = await seedLoad(deps, n, (done) => process.stdout.write(`\r  ${done}/${n} customers`));
  const secs = (Date.now() - started) / 1000;
  console.log(`\nload done: ${r.customers} customers, ${r.organizations} organizations in ${secs.toFixed(1)} s (${Math.round(r.customers / secs)}/s)`);
}
await jobs.stop();
await realtime.close();
await database.close();
