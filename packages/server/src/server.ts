// Listening, and telling the operator what they need to know at start (the only console output).
import type { Clock } from './platform/clock.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Config } from './platform/config.ts';
import { buildApp, type BuiltApp } from './app.ts';
import { openDatabase, sqliteFileIn, type Database } from './platform/db/database.ts';
import { unavailableCause } from './platform/db/database-errors.ts';
import { bootstrapEmptyDatabase } from './bootstrap/bootstrap.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './bootstrap/demo/demo-bureau.ts';
import { purgeExpiredSessions } from './modules/auth/index.ts';
import { createOutboxWorker, type OutboxWorker } from './modules/notifications/index.ts';
import { purgeOldIdempotencyKeys } from './platform/idempotency/idempotency.ts';

const SESSION_PURGE_INTERVAL_MS = 60 * 60_000;

export interface RunningServer extends BuiltApp {
  url: string;
  /** Sends notifications' emails and SMS and creates reply reminders; ticks once at start. */
  outbox: OutboxWorker;
}

export interface StartOptions {
  clock: Clock;
  quiet?: boolean;
  /** Where the one-line "database not reachable, retrying" messages go (default: stderr). */
  print?: (line: string) => void;
  /** Load the rest of the demo county and its year of cases into an empty database, as `npm start` does
   * (main.ts); tests that start a server in-process know the core demo's cases and leave it out. */
  demoCounty?: boolean;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/** Where the database is, for the operator, without the password. */
function databaseLocation(config: Config): string {
  if (!config.databaseUrl) return sqliteFileIn(config.dataDir);
  const url = new URL(config.databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/**
 * Opens the database and waits until it answers: a server started before its database (a reboot, a
 * container started first) retries with one line per try instead of dying with a stack trace.
 */
async function openReachableDatabase(config: Config, print: (line: string) => void): Promise<Database> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: sqliteFileIn(config.dataDir),
    queryTimesFile: config.queryTimesFile,
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`select 1`.execute(database.db);
      return database;
    } catch (error) {
      const unavailable = unavailableCause(error);
      if (!unavailable) {
        await database.close();
        throw error;
      }
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)] ?? 30_000;
      print(
        `database not reachable at ${databaseLocation(config)} (${unavailable.cause}); retrying in ${delay / 1000} s`,
      );
      await sleep(delay);
    }
  }
}

export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  const print = options.print ?? ((line: string) => console.error(line));
  const database = await openReachableDatabase(config, print);
  const built = await buildApp(config, { database, clock: options.clock });
  const boot = await bootstrapEmptyDatabase(built.ctx, { county: options.demoCounty ?? false });
  // Expired sessions and idempotency keys older than a day: refused or unused anyway, kept small.
  const purge = () =>
    Promise.all([
      purgeExpiredSessions(built.ctx).catch((err: unknown) =>
        built.app.log.warn({ err }, 'session purge failed'),
      ),
      purgeOldIdempotencyKeys(built.ctx).catch((err: unknown) =>
        built.app.log.warn({ err }, 'idempotency key purge failed'),
      ),
    ]);
  await purge();
  const purgeTimer = setInterval(() => void purge(), SESSION_PURGE_INTERVAL_MS);
  purgeTimer.unref();
  // Once now, so whatever fell due while the server was stopped goes out, then every interval.
  const outbox = createOutboxWorker(built.ctx, { log: built.app.log });
  outbox.start(config.outboxIntervalMs);
  await built.app.listen({ port: config.port, host: config.host });
  const address = built.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  if (!options.quiet) {
    const lines = [`bancheng 办成 is running at ${url} (database: ${built.ctx.database.dialect})`];
    if (boot.kind === 'admin') {
      lines.push(
        '',
        'First start in production: an administrator was created. This password is shown ONCE:',
        `  username: ${boot.username}`,
        `  password: ${boot.password}`,
        'It must be changed at first sign-in.',
      );
    }
    if (config.demoData) {
      lines.push('', `Demo accounts (password ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS)
        lines.push(`  ${a.username.padEnd(8)} ${a.role.padEnd(21)} ${a.displayName}  ${a.where}`);
    }
    console.log(lines.join('\n'));
  }
  return {
    ...built,
    url,
    outbox,
    close: async () => {
      clearInterval(purgeTimer);
      await outbox.stop();
      await built.close();
    },
  };
}
