// npm run seed -- --cases N [--seed S] [--summary FILE]: migrates the configured database (DATA_DIR or
// DATABASE_URL, as the server), loads the demo bureau if it is empty, then adds a generated bureau of N
// cases on top. Progress on stderr; the summary (counts, handy usernames) as JSON to --summary FILE.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock } from './platform/clock.ts';
import { loadConfig } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { openDatabase, sqliteFileIn } from './platform/db/database.ts';
import { unavailableCause } from './platform/db/database-errors.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { ensureShippedCalendar } from './modules/calendar/index.ts';
import { bootstrapEmptyDatabase } from './bootstrap/bootstrap.ts';
import { generateBureau, type GenerationProgress } from './bootstrap/generator/index.ts';

const USAGE = 'usage: npm run seed -- --cases N [--seed S] [--summary FILE]';

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    seed: { type: 'string', default: '1' },
    summary: { type: 'string' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
if (!Number.isInteger(cases) || cases < 0 || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
const ctx: AppContext = { database, config, clock: systemClock };

function showProgress(p: GenerationProgress): void {
  const percent = p.total === 0 ? 100 : (100 * p.cases) / p.total;
  const rate = Math.round(p.rows / Math.max(p.seconds, 0.001));
  process.stderr.write(
    `\r${percent.toFixed(1).padStart(5)}%  ${p.cases.toLocaleString('en')} / ${p.total.toLocaleString('en')} cases  ` +
      `${p.rows.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s  ${p.seconds.toFixed(0)} s `,
  );
}

try {
  await migrateToLatest(database.db);
  await ensureShippedCalendar(ctx);
  // The core demo alone under the generated bureau, as the benchmarks' data sets have always been.
  const boot = await bootstrapEmptyDatabase(ctx, { county: false });
  if (boot.kind === 'demo') console.error(`loaded the demo bureau (${boot.people} people)`);
  if (boot.kind === 'admin') console.error(`created admin with one-time password: ${boot.password}`);
  const summary = await generateBureau(ctx, { cases, seed, onProgress: showProgress });
  process.stderr.write('\n');
  console.error(
    `generated ${summary.cases.toLocaleString('en')} cases, ${summary.org.units} units, ${summary.org.people} people ` +
      `in ${summary.seconds.toFixed(1)} s (${summary.rowsPerSecond.toLocaleString('en')} rows/s); password ${summary.password}`,
  );
  if (values.summary) fs.writeFileSync(values.summary, `${JSON.stringify(summary, null, 2)}\n`);
} catch (error) {
  const unavailable = unavailableCause(error);
  if (!unavailable) throw error;
  console.error(`database not reachable (${unavailable.cause}); nothing was generated`);
  process.exitCode = 1;
} finally {
  await database.close();
}
