import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@bancheng/core';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';
import { actOnCase, registerCase } from '../src/modules/cases/case-service.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';

const ROUNDS = 1000;

describe.each(DIALECTS)('two leaders deciding the same case at once [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it(`records exactly one decision per round over ${ROUNDS} rounds`, async () => {
    const db = t.ctx.database.db;
    const id = async (u: string) => (await findPersonRowByUsername(db, u))!.id;
    const [shouwen, keshi, deputy] = [await id('shouwen'), await id('keshi'), await id('bgszr')];
    // bgszr acts for the department head this year: both hold level 2 of 登记注册科.
    await db
      .insertInto('acting_deputies')
      .values({
        id: 'dep-1',
        deputy_id: deputy,
        for_person_id: keshi,
        from_date: '2026-01-01',
        to_date: '2099-12-31',
        created_at: new Date().toISOString(),
        created_by: null,
      })
      .execute();
    let conflicts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const registered = await registerCase(
        t.ctx,
        { personId: shouwen, address: null },
        {
          applicant: { kind: 'person', name: `并发${round}`, phone: '13900000000' },
          channel: 'counter',
          receivedAt: '2026-11-20T09:00:00+08:00',
          matterType: 'enquiry',
          matterTitle: `并发第 ${round} 轮`,
          description: '两位领导同时审批',
          coDepartmentIds: [],
        },
      );
      const proposed = await actOnCase(
        t.ctx,
        { personId: shouwen, address: null },
        {
          id: registered.id,
          request: {
            version: registered.version,
            action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '并发' },
          },
        },
      );
      const decide = (personId: string, decision: 'escalate' | 'resolvable') =>
        actOnCase(
          t.ctx,
          { personId, address: null },
          {
            id: registered.id,
            request: { version: proposed.version, action: { type: 'decide', decision, opinion: personId } },
          },
        ).then(
          () => 'ok' as const,
          (e: unknown) => (e instanceof AppError ? e.code : 'unexpected'),
        );
      const results = await Promise.all([decide(keshi, 'escalate'), decide(deputy, 'resolvable')]);
      expect(
        results.filter((r) => r === 'ok'),
        `round ${round}: ${results.join(', ')}`,
      ).toHaveLength(1);
      expect(results.filter((r) => r === 'VERSION_CONFLICT')).toHaveLength(1);
      conflicts += results.filter((r) => r === 'VERSION_CONFLICT').length;
    }
    expect(conflicts).toBe(ROUNDS);
    const levelTwo = await db
      .selectFrom('case_decisions')
      .innerJoin('cases', 'cases.id', 'case_decisions.case_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('case_decisions.level', '=', 2)
      .where('cases.matter_title', 'like', '并发第%')
      .executeTakeFirstOrThrow();
    expect(Number(levelTwo.n)).toBe(ROUNDS);
  }, 300_000);
});
