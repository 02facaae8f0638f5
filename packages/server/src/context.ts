// What every service needs: the database and the settings. Built once at start.
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';

export interface AppContext {
  database: Database;
  config: Config;
}
