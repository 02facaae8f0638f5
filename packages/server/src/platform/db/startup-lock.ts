// First-run work that must happen once however many server processes start at the same moment against
// one empty PostgreSQL database (N units of deploy/systemd/bancheng@.service after a fresh install).
import { sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * The advisory lock's first key: a constant of this application, so it never meets another program's
 * locks (Kysely's migration lock uses the one-key form). The second key is the schema, so test runs in
 * separate schemas of one database do not wait for each other.
 */
const STARTUP_LOCK_CLASS = 0x62636e67; // "bcng"

/**
 * Runs `work` while holding a PostgreSQL session advisory lock, so a second process waits and then finds
 * the work done. The lock lives on one connection of the pool, held for the duration; `work` uses the
 * pool's other connections as usual. A process that dies while holding it loses its connection, and with
 * it the lock. On SQLite (one process per database file) `work` just runs.
 */
export async function withStartupLock<T>(database: Database, work: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK_CLASS}, hashtext(current_schema()))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_CLASS}, hashtext(current_schema()))`.execute(
        connection,
      );
    }
  });
}
