// Listening, and telling the operator what they need to know at start (the only console output).
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { buildApp, type BuiltApp } from './app.ts';
import { bootstrapEmptyDatabase } from './services/bootstrap.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo-bureau.ts';
import { purgeExpiredSessions } from './services/auth-service.ts';
import { createOutboxWorker, type OutboxWorker } from './services/outbox-worker.ts';

const SESSION_PURGE_INTERVAL_MS = 60 * 60_000;

export interface RunningServer extends BuiltApp {
  url: string;
  /** Sends notifications' emails and SMS and creates reply reminders; ticks once at start. */
  outbox: OutboxWorker;
}

export async function startServer(
  config: Config,
  options: { clock: Clock; quiet?: boolean },
): Promise<RunningServer> {
  const built = await buildApp(config, { clock: options.clock });
  const boot = await bootstrapEmptyDatabase(built.ctx);
  const purge = () =>
    purgeExpiredSessions(built.ctx).catch((err: unknown) =>
      built.app.log.warn({ err }, 'session purge failed'),
    );
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
