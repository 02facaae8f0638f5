// npm run migrate: bring the configured database to the latest schema and stop.
import { loadConfig } from './platform/config.ts';
import { openDatabase, sqliteFileIn } from './platform/db/database.ts';
import { unavailableCause } from './platform/db/database-errors.ts';
import { migrateToLatest } from './platform/db/migrator.ts';

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (error) {
  const unavailable = unavailableCause(error);
  if (!unavailable) throw error;
  // An operator's mistake or an outage, not a bug: one line, no stack trace.
  console.error(`database not reachable (${unavailable.cause}); nothing was migrated`);
  process.exitCode = 1;
} finally {
  await database.close();
}
