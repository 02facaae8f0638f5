// npm run queries:explain: the plan of every case-list, search and count query, for the busiest people
// of the configured database (DATA_DIR or DATABASE_URL, loaded with `npm run seed -- --cases N`), written
// to docs/queries/<dialect>.md. A plan that reads a large table through without a bound (a scan not stopped by the query’s LIMIT) is marked; the query-plan test
// (packages/server/test/query-plans.test.ts) fails on one.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../packages/server/src/platform/config.ts';
import { systemClock } from '../packages/server/src/platform/clock.ts';
import { openDatabase, sqliteFileIn } from '../packages/server/src/platform/db/database.ts';
import { analyze, explainQuery, fullScansOfLargeTables } from '../packages/server/src/platform/db/explain.ts';
import { migrateToLatest } from '../packages/server/src/platform/db/migrator.ts';
import { caseListPlanQueries } from '../packages/server/src/modules/cases/index.ts';
import { auditListPlanQueries } from '../packages/server/src/modules/audit/index.ts';

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: sqliteFileIn(config.dataDir) });
try {
  await migrateToLatest(database.db);
  await analyze(database.db);
  const ctx = { database, config, clock: systemClock };
  const counts = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const queries = [...(await caseListPlanQueries(ctx)), ...(await auditListPlanQueries(ctx))];
  const lines = [
    `# Query plans on ${database.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    '',
    `Written by \`npm run queries:explain\` on a database of ${Number(counts.n).toLocaleString('en')} cases.`,
    'A plan that reads a large table through without a bound (a scan not stopped by the query’s LIMIT) is marked **FULL SCAN**; the query-plan test fails on one.',
    '',
  ];
  // --index-paths: PostgreSQL plans without sequential scans (what the test checks on a small data set).
  const indexPathsOnly = process.argv.includes('--index-paths');
  let scans = 0;
  for (const q of queries) {
    const plan = await explainQuery(database.db, database.dialect, q.query, { indexPathsOnly });
    const bad = fullScansOfLargeTables(plan, database.dialect, q.query.sql);
    scans += bad.length;
    lines.push(
      `## ${q.name}${bad.length > 0 ? ' — **FULL SCAN**' : ''}`,
      '',
      '```sql',
      q.query.sql,
      '```',
      '',
    );
    lines.push('```', ...plan, '```', '');
  }
  const file = path.resolve(import.meta.dirname, `../docs/queries/${database.dialect}.md`);
  fs.writeFileSync(file, lines.join('\n'));
  console.log(`${String(queries.length)} queries explained into ${file}; ${String(scans)} full scans`);
  if (scans > 0) process.exitCode = 1;
} finally {
  await database.close();
}
