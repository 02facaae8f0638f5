// Three administrators creating the same username, unit or matter at the same moment: one is created,
// the other two get the 409 the service gives when it sees the name taken (before: 500s on PostgreSQL,
// and duplicate units on both databases).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';

const PARALLEL = 3;

function outcome(responses: LightMyRequestResponse[]): { created: number; conflicts: string[] } {
  for (const r of responses) expect([201, 409], r.body).toContain(r.statusCode);
  return {
    created: responses.filter((r) => r.statusCode === 201).length,
    conflicts: responses
      .filter((r) => r.statusCode === 409)
      .map((r) => r.json<{ error: { code: string } }>().error.code),
  };
}

describe.each(DIALECTS)('parallel creations of the same name [%s]', (dialect) => {
  let t: TestApp;
  let admins: Client[];
  let root: string, registry: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // One administrator signed in several times: each request has its own session, as from several tabs.
    admins = [];
    for (let i = 0; i < PARALLEL; i++) admins.push(await t.signIn('admin'));
    const db = t.ctx.database.db;
    root = (
      await db.selectFrom('org_units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()
    ).id;
    registry = (
      await db
        .selectFrom('departments')
        .select('id')
        .where('name', '=', '登记注册科')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  const countOf = async (table: 'people' | 'org_units' | 'matters', column: string, value: string) =>
    (
      await t.ctx.database.db
        .selectFrom(table)
        .select('id')
        .where(column as never, '=', value as never)
        .execute()
    ).length;

  for (let round = 0; round < 3; round++) {
    it(`username, round ${round}: one 201 and two USERNAME_TAKEN`, async () => {
      const username = `bingfa${round}`;
      const responses = await Promise.all(
        admins.map((a, i) =>
          a.request('POST', '/api/people', {
            username,
            displayName: `并发${i}`,
            departmentId: registry,
            roles: ['firstResponder'],
            password: 'Xin-Ren#2026',
          }),
        ),
      );
      expect(outcome(responses)).toEqual({ created: 1, conflicts: ['USERNAME_TAKEN', 'USERNAME_TAKEN'] });
      expect(await countOf('people', 'username', username)).toBe(1);
    });

    it(`unit name, round ${round}: one 201 and two NAME_TAKEN`, async () => {
      const name = `并发分局${round}`;
      const responses = await Promise.all(
        admins.map((a) => a.request('POST', '/api/org/units', { parentId: root, name })),
      );
      expect(outcome(responses)).toEqual({ created: 1, conflicts: ['NAME_TAKEN', 'NAME_TAKEN'] });
      expect(await countOf('org_units', 'name', name)).toBe(1);
    });

    it(`matter title, round ${round}: one 201 and two MATTER_TITLE_TAKEN naming the title`, async () => {
      const title = `并发事项${round}`;
      const responses = await Promise.all(
        admins.map((a) =>
          a.request('POST', `/api/departments/${registry}/matters`, { title, matterType: 'service' }),
        ),
      );
      expect(outcome(responses)).toEqual({
        created: 1,
        conflicts: ['MATTER_TITLE_TAKEN', 'MATTER_TITLE_TAKEN'],
      });
      for (const r of responses.filter((x) => x.statusCode === 409)) {
        expect(Object.keys(r.json<{ error: { fields: object } }>().error.fields)).toEqual(['title']);
      }
      expect(await countOf('matters', 'title', title)).toBe(1);
    });
  }

  it('refuses a second root-level unit of the same name in the database itself', async () => {
    const db = t.ctx.database.db;
    const rootRow = await db
      .selectFrom('org_units')
      .selectAll()
      .where('id', '=', root)
      .executeTakeFirstOrThrow();
    await expect(
      db
        .insertInto('org_units')
        .values({ ...rootRow, id: 'second-root' })
        .execute(),
    ).rejects.toThrow();
  });
});
