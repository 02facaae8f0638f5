// The one set of migrations for both dialects, listed statically so bundling or packaging cannot lose one.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely/migration';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-calendar.ts';
import * as m0003 from './migrations/0003-cases.ts';
import * as m0004 from './migrations/0004-notifications.ts';
import * as m0005 from './migrations/0005-attachments.ts';
import * as m0006 from './migrations/0006-matters.ts';
import * as m0007 from './migrations/0007-case-facts.ts';
import * as m0008 from './migrations/0008-constraints.ts';
import * as m0009 from './migrations/0009-org-unit-unique.ts';
import * as m0010 from './migrations/0010-case-search.ts';
import * as m0011 from './migrations/0011-idempotency.ts';
import * as m0012 from './migrations/0012-level-clocks.ts';
import * as m0013 from './migrations/0013-case-rounds.ts';
import * as m0014 from './migrations/0014-calendar-source.ts';
import * as m0015 from './migrations/0015-notification-kinds.ts';
import * as m0016 from './migrations/0016-notification-kind-table.ts';
import * as m0017 from './migrations/0017-applicant-tracking.ts';
import * as m0018 from './migrations/0018-consultations.ts';
import * as m0019 from './migrations/0019-written-replies.ts';
import * as m0020 from './migrations/0020-message-keys.ts';
import * as m0021 from './migrations/0021-vacant-levels.ts';
import * as m0022 from './migrations/0022-ledger.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-calendar': m0002,
  '0003-cases': m0003,
  '0004-notifications': m0004,
  '0005-attachments': m0005,
  '0006-matters': m0006,
  '0007-case-facts': m0007,
  '0008-constraints': m0008,
  '0009-org-unit-unique': m0009,
  '0010-case-search': m0010,
  '0011-idempotency': m0011,
  '0012-level-clocks': m0012,
  '0013-case-rounds': m0013,
  '0014-calendar-source': m0014,
  '0015-notification-kinds': m0015,
  '0016-notification-kind-table': m0016,
  '0017-applicant-tracking': m0017,
  '0018-consultations': m0018,
  '0019-written-replies': m0019,
  '0020-message-keys': m0020,
  '0021-vacant-levels': m0021,
  '0022-ledger': m0022,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return migrate(db, (m) => m.migrateToLatest());
}

/** Up to and including `name`: tests use it to upgrade a database that already holds data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateTo(db: Kysely<any>, name: string): Promise<string[]> {
  return migrate(db, (m) => m.migrateTo(name));
}

async function migrate(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
  db: Kysely<any>,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: with several schemas in one
  // PostgreSQL database (the tests give each app its own) it could find another schema's lock table, skip
  // creating its own, and fail. So on PostgreSQL it is told the schema in use.
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    ...(migrationTableSchema && { migrationTableSchema }),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await run(migrator);
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
