// npm run migrate: bring the configured database to the latest schema and stop.
import { loadConfig } from './config.ts';
import { openDatabase, sqliteFileIn } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
const applied = await migrateToLatest(database.db);
console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
await database.close();
