// One run of the clock reminders in a process of its own, as another server's outbox tick would run it:
// the "never doubled" test starts two at once over the same PostgreSQL database. The clock is set by
// CLOCK_AT (an ISO time); START_AT (epoch ms) lines both up. Prints how many notifications it created.
import { fixedClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { scheduleClockReminders } from '../src/modules/notifications/index.ts';

const config = loadConfig(process.env);
const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: '' });
const clock = fixedClock(process.env['CLOCK_AT'] ?? '');
const startAt = Number(process.env['START_AT'] ?? 0);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const created = await scheduleClockReminders({ database, config, clock });
await database.close();
process.stdout.write(JSON.stringify({ created }));
