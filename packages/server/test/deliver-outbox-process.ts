// One outbox delivery pass in a process of its own, as another server would run it: the "never twice"
// test starts two at once over the same database. Settings come from the environment; START_AT (epoch ms)
// lines both up so that neither has finished before the other begins. Prints the delivery report.
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { createSenders, deliverDueOutbox } from '../src/modules/notifications/outbox-worker.ts';

const config = loadConfig(process.env);
const database = openDatabase({
  databaseUrl: config.databaseUrl,
  sqliteFile: process.env['SQLITE_FILE'] ?? '',
});
const senders = createSenders(config);
const startAt = Number(process.env['START_AT'] ?? 0);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const quiet = { info: () => undefined, warn: () => undefined };
const report = await deliverDueOutbox(
  { database, config, clock: systemClock },
  { senders, log: quiet, batchSize: 3 },
);
senders.close();
await database.close();
process.stdout.write(JSON.stringify(report));
