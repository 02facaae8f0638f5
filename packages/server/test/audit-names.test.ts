// The audit log names what its events name by id: the subject (a case's number, a person's name) and the
// people, cases, departments and units inside the payload, so its readers see names, not ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { registration } from './notification-fixtures.ts';

interface Listed {
  type: string;
  subjectId: string | null;
  subjectName: string | null;
  actorName: string | null;
  payload: Record<string, unknown>;
  names: Record<string, string>;
}

describe.each(DIALECTS)('names in the audit log [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, ducha: Client, admin: Client;
  let c: { id: string; number: string };
  let djzc2: { id: string; displayName: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    shouwen = await t.signIn('shouwen');
    ducha = await t.signIn('ducha');
    admin = await t.signIn('admin');
    const people = (await admin.request('GET', '/api/people?pageSize=200')).json<{
      items: { id: string; username: string; displayName: string }[];
    }>().items;
    djzc2 = people.find((p) => p.username === 'djzc2')!;
    c = (await shouwen.request('POST', '/api/cases', registration('审计姓名测试'))).json();
    const current = (await shouwen.request('GET', `/api/cases/${c.id}`)).json<{ version: number }>();
    const res = await shouwen.request('POST', `/api/cases/${c.id}/actions`, {
      version: current.version,
      action: { type: 'handOver', toPersonId: djzc2.id },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const list = async (who: Client, type: string) => {
    const res = await who.request('GET', `/api/audit?type=${encodeURIComponent(type)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Listed[] }>().items;
  };

  it('names a case event’s case by its number and the person the payload hands it to', async () => {
    const [handOver] = (await list(ducha, 'case.handOver')).filter((e) => e.subjectId === c.id);
    expect(handOver).toMatchObject({
      subjectName: c.number,
      actorName: '张伟',
      payload: expect.objectContaining({
        before: expect.objectContaining({ firstResponderId: shouwen.personId }),
        after: expect.objectContaining({ firstResponderId: djzc2.id }),
      }),
    });
    // Every id the payload holds, named: the first responder before and after.
    expect(handOver!.names).toEqual({ [shouwen.personId]: '张伟', [djzc2.id]: djzc2.displayName });
  });

  it('names a person event’s person, and leaves an unknown id unnamed', async () => {
    const logins = await list(admin, 'auth.login');
    const mine = logins.find((e) => e.subjectId === shouwen.personId);
    expect(mine?.subjectName).toBe('张伟');
    // A calendar year's subject is a year, not an id: no name, and no names.
    for (const e of await list(admin, 'calendar.yearSet')) {
      expect(e.subjectName).toBeNull();
      expect(e.names).toEqual({});
    }
  });
});
