import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/client.js';
import { migrate } from './platform/db/migrate.js';
import { bufferedStdout } from './platform/log-destination.js';
import { startAuthMaintenance } from './modules/auth/index.js';
import { ensureFirstAdmin } from './modules/users/index.js';
import { startMailListener } from './modules/mail/index.js';

function announceAdmin(created: { email: string; password?: string } | null) {
  if (!created?.password) return;
  // stdout on purpose: the operator must see this once, and it must not go to a log aggregator as data.
  process.stdout.write(
    `\n================ Kefu first start ================\n` +
      `  Admin account created\n  email:    ${created.email}\n  password: ${created.password}\n` +
      `  Sign in and change this password now; it is not shown again.\n` +
      `==================================================\n\n`,
  );
}

/** config → database → migrations → first admin → HTTP; stops gracefully on SIGTERM/SIGINT. */
async function start(config: Config) {
  const database = await openDatabase(config);
  await migrate(database);
  const { app, deps, state } = await buildApp({ config, database, clock: systemClock, logger: { level: config.logLevel, stream: bufferedStdout() } });
  announceAdmin(await ensureFirstAdmin(deps));

  const worker = config.roles.includes('worker');
  const stopMaintenance = worker ? startAuthMaintenance(deps) : () => undefined;
  if (worker) await deps.jobs.start();
  // Inbound SMTP (KEFU_SMTP_PORT): on web and worker instances alike; closed before the database.
  const smtp = await startMailListener(deps);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    state.shuttingDown = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    try {
      stopMaintenance();
      await smtp?.close();
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (config.roles.includes('web')) {
    await app.listen({ port: config.port, host: config.host });
  } else {
    await app.ready();
  }
}

try {
  await start(loadConfig());
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Kefu failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
