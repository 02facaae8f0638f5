// Idempotency keys (decision 0014): a repeat of a registration, an action or a contribution with the same
// key gets the first answer and changes nothing; the same key with another request is refused; keys are
// per person; two identical requests in flight at once make one change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { purgeOldIdempotencyKeys } from '../src/platform/idempotency/idempotency.ts';

const registration = (overrides: Record<string, unknown> = {}) => ({
  applicant: { kind: 'person', name: '幂等测试', phone: '13912345678' },
  channel: 'counter',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'service',
  matterTitle: '重复提交测试',
  description: '双击登记不应生成两件事项',
  ...overrides,
});

let serial = 0;
const newKey = () => `test-key-${String(++serial).padStart(4, '0')}-${Date.now()}`;

describe.each(DIALECTS)('idempotency keys [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, keshi: Client, xbk1: Client;

  const send = (
    c: Client,
    method: 'POST',
    url: string,
    body: unknown,
    key?: string,
  ): Promise<LightMyRequestResponse> =>
    t.inject({
      method,
      url,
      headers: {
        cookie: c.cookie,
        'x-csrf-token': c.csrfToken,
        ...(key !== undefined && { 'idempotency-key': key }),
      },
      payload: body as Record<string, unknown>,
    });

  const count = async (
    table: 'cases' | 'case_decisions' | 'audit_events' | 'case_contributions' | 'idempotency_keys',
    where?: { column: string; value: string },
  ): Promise<number> => {
    let q = t.ctx.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n'));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a column of whichever table is counted
    if (where) q = q.where(where.column as any, '=', where.value);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const eventsOf = (caseId: string) => count('audit_events', { column: 'subject_id', value: caseId });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [shouwen, keshi, xbk1] = [await t.signIn('shouwen'), await t.signIn('keshi'), await t.signIn('xbk1')];
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('answers a repeated registration with the first answer: one case, one audit event', async () => {
    const key = newKey();
    const cases = await count('cases');
    const first = await send(shouwen, 'POST', '/api/cases', registration(), key);
    expect(first.statusCode).toBe(201);
    const again = await send(shouwen, 'POST', '/api/cases', registration(), key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The replay is the first answer but for the receipt's tracking code, shown once and never kept.
    const { receipt, ...page } = first.json();
    expect(receipt.trackingCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(again.json()).toEqual(page);
    // The answer kept with the key (built inside the transaction) is the page read back.
    expect(page).toEqual((await shouwen.request('GET', `/api/cases/${first.json().id}`)).json());
    expect(await count('cases')).toBe(cases + 1);
    // case.registered and case.trackingCodeIssued, once.
    expect(await eventsOf(first.json().id)).toBe(2);
    // The same fields in another order are the same request.
    const { description, ...rest } = registration();
    const reordered = await send(shouwen, 'POST', '/api/cases', { description, ...rest }, key);
    expect(reordered.json().id).toBe(first.json().id);
    expect(await count('cases')).toBe(cases + 1);
  });

  it('answers a repeated action with the first answer: one decision, one audit event', async () => {
    const c = (await send(shouwen, 'POST', '/api/cases', registration(), newKey())).json();
    const propose = {
      version: c.version,
      action: { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '法规不允许' },
    };
    const proposed = await send(shouwen, 'POST', `/api/cases/${c.id}/actions`, propose, newKey());
    expect(proposed.statusCode).toBe(200);
    const key = newKey();
    const decide = {
      version: proposed.json().version,
      action: { type: 'decide', decision: 'escalate', opinion: '把握不准，提请分管领导' },
    };
    const events = await eventsOf(c.id);
    const first = await send(keshi, 'POST', `/api/cases/${c.id}/actions`, decide, key);
    expect(first.statusCode).toBe(200);
    expect(first.json().state).toBe('atLeaderInCharge');
    expect(first.json()).toEqual((await keshi.request('GET', `/api/cases/${c.id}`)).json());
    // The repeat names a version that is no longer current: without the key it would be a conflict.
    const again = await send(keshi, 'POST', `/api/cases/${c.id}/actions`, decide, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await count('case_decisions', { column: 'case_id', value: c.id })).toBe(1);
    expect(await eventsOf(c.id)).toBe(events + 1);
    const withoutKey = await send(keshi, 'POST', `/api/cases/${c.id}/actions`, decide);
    expect(withoutKey.statusCode).toBe(409);
    expect(withoutKey.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('refuses the same key with another request (422), and changes nothing', async () => {
    const key = newKey();
    const first = await send(shouwen, 'POST', '/api/cases', registration(), key);
    expect(first.statusCode).toBe(201);
    const cases = await count('cases');
    const other = await send(shouwen, 'POST', '/api/cases', registration({ matterTitle: '另一件事' }), key);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The same key on another route is another request too.
    const action = await send(
      shouwen,
      'POST',
      `/api/cases/${first.json().id}/actions`,
      { version: first.json().version, action: { type: 'closeDone', note: '已办结' } },
      key,
    );
    expect(action.statusCode).toBe(422);
    expect(await count('cases')).toBe(cases);
    expect((await shouwen.request('GET', `/api/cases/${first.json().id}`)).json().state).toBe('open');
  });

  it('makes one case of two identical registrations in flight at once', async () => {
    const key = newKey();
    const cases = await count('cases');
    const answers = await Promise.all(
      [1, 2, 3].map(() => send(shouwen, 'POST', '/api/cases', registration({ matterTitle: '并发' }), key)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count('cases')).toBe(cases + 1);
    // case.registered and case.trackingCodeIssued, once.
    expect(await eventsOf(answers[0]!.json().id)).toBe(2);
  });

  it('makes one decision of two identical actions in flight at once', async () => {
    const c = (await send(shouwen, 'POST', '/api/cases', registration(), newKey())).json();
    const key = newKey();
    const propose = {
      version: c.version,
      action: { type: 'proposeRefusal', reason: 'uncertain', reasonText: '把握不准' },
    };
    const answers = await Promise.all(
      [1, 2].map(() => send(shouwen, 'POST', `/api/cases/${c.id}/actions`, propose, key)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(answers[1]!.json()).toEqual(answers[0]!.json());
    const page = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    expect(page.state).toBe('atDeptHead');
    expect(page.version).toBe(c.version + 1);
  });

  it('keeps keys per person: another person’s same key is another request', async () => {
    const key = newKey();
    const mine = await send(shouwen, 'POST', '/api/cases', registration(), key);
    const theirs = await send(xbk1, 'POST', '/api/cases', registration({ matterTitle: '消保科登记' }), key);
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(theirs.json().firstResponder.username).toBe('xbk1');
  });

  it('stores nothing for a request that failed, so the same key can be retried', async () => {
    const c = (await send(shouwen, 'POST', '/api/cases', registration(), newKey())).json();
    const key = newKey();
    const body = (version: number) => ({
      version,
      action: { type: 'closeDone', note: '已当场办结' },
    });
    const stale = await send(shouwen, 'POST', `/api/cases/${c.id}/actions`, body(c.version + 5), key);
    expect(stale.statusCode).toBe(409);
    const keys = await count('idempotency_keys');
    const ok = await send(shouwen, 'POST', `/api/cases/${c.id}/actions`, body(c.version), key);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('closed');
    expect(await count('idempotency_keys')).toBe(keys + 1);
  });

  it('refuses a malformed key with a 400 and changes nothing', async () => {
    const cases = await count('cases');
    for (const key of ['short', 'x'.repeat(101), 'has space 123', '键键键键键键键键', 'semi;colon12']) {
      const res = await send(shouwen, 'POST', '/api/cases', registration(), key);
      expect(res.statusCode, key).toBe(400);
      expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    }
    expect(await count('cases')).toBe(cases);
    // Without the header, every request is performed.
    await send(shouwen, 'POST', '/api/cases', registration());
    await send(shouwen, 'POST', '/api/cases', registration());
    expect(await count('cases')).toBe(cases + 2);
  });

  it('answers a repeated contribution with the first answer', async () => {
    const dept = await t.ctx.database.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', '消费者权益保护科')
      .executeTakeFirstOrThrow();
    const c = (
      await send(shouwen, 'POST', '/api/cases', registration({ coDepartmentIds: [dept.id] }), newKey())
    ).json();
    const key = newKey();
    const body = { departmentId: dept.id, text: '已核实商户登记信息' };
    const first = await send(xbk1, 'POST', `/api/cases/${c.id}/contributions`, body, key);
    expect(first.statusCode).toBe(200);
    const again = await send(xbk1, 'POST', `/api/cases/${c.id}/contributions`, body, key);
    expect(again.json()).toEqual(first.json());
    expect(await count('case_contributions', { column: 'case_id', value: c.id })).toBe(1);
  });

  it('sweeps keys older than a day', async () => {
    const key = newKey();
    await send(shouwen, 'POST', '/api/cases', registration(), key);
    await t.ctx.database.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 25 * 60 * 60_000).toISOString() })
      .where('key', '=', key)
      .execute();
    const before = await count('idempotency_keys');
    expect(await purgeOldIdempotencyKeys(t.ctx)).toBe(1);
    expect(await count('idempotency_keys')).toBe(before - 1);
  });
});
