// The query-plan test: on a generated bureau large enough that the planner would notice a full scan,
// every case-list, search, count and audit-log query the server makes reaches the large tables through
// an index (or reads them in the query's order and stops at its LIMIT). SQLite's real plans are checked;
// PostgreSQL would rightly scan tables this small, so it is asked to plan without sequential scans: a
// plan that still has one has no index to use. `npm run queries:explain` writes the plans at any size to
// docs/queries/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/platform/clock.ts';
import { analyze, explainQuery, fullScansOfLargeTables } from '../src/platform/db/explain.ts';
import { generateBureau } from '../src/bootstrap/generator/index.ts';
import { caseListPlanQueries, overviewPlanQueries } from '../src/modules/cases/index.ts';
import { auditListPlanQueries } from '../src/modules/audit/index.ts';
import { DIALECTS, createTestApp, type TestApp } from './harness.ts';

const CLOCK = fixedClock(new Date('2026-11-16T03:00:00Z'));
const CASES = { sqlite: 20_000, postgres: 5_000 } as const;

describe.each(DIALECTS)('query plans on a generated bureau [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { clock: CLOCK });
    await generateBureau(t.ctx, { cases: CASES[dialect], seed: 7 });
    await analyze(t.ctx.database.db);
  }, 240_000);
  afterAll(async () => {
    await t.dispose();
  });

  it('reads no large table whole in any list, search, count or audit query', async () => {
    const queries = [
      ...(await caseListPlanQueries(t.ctx)),
      ...(await overviewPlanQueries(t.ctx)),
      ...(await auditListPlanQueries(t.ctx)),
    ];
    // Four kinds of reader, each with every view, filter, search and next page.
    expect(queries.length).toBeGreaterThan(100);
    const scans: string[] = [];
    for (const q of queries) {
      const plan = await explainQuery(t.ctx.database.db, dialect, q.query, { indexPathsOnly: true });
      expect(plan.length, q.name).toBeGreaterThan(0);
      const bad = fullScansOfLargeTables(plan, dialect, q.query.sql);
      if (bad.length > 0) scans.push(`${q.name}:\n  ${plan.join('\n  ')}`);
    }
    expect(scans).toEqual([]);
  }, 120_000);

  it('flags a full scan when a query has no index to use', async () => {
    const db = t.ctx.database.db;
    const query = db
      .selectFrom('cases')
      .selectAll()
      .where('description', 'like', '%食品%')
      .orderBy('updated_at')
      .compile();
    const plan = await explainQuery(db, dialect, query, { indexPathsOnly: true });
    expect(fullScansOfLargeTables(plan, dialect, query.sql)).not.toEqual([]);
  });
});
