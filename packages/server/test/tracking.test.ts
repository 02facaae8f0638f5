import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, tableCounts, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';
import { readDocx } from './docx-reading.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { actOnCase } from '../src/modules/cases/index.ts';
import { findPersonRowByUsername } from '../src/modules/people/people-repository.ts';

const registration = (matterTitle: string) =>
  ({
    applicant: { kind: 'person', name: '李群众', phone: '13912345678' },
    channel: 'visit',
    receivedAt: '2026-11-30T09:30:00+08:00',
    matterType: 'service',
    matterTitle,
    description: '希望在小区门口设摊经营早点',
  }) as const;

const refusal = (matterTitle: string) =>
  ({
    ...registration(matterTitle),
    applicant: { kind: 'person', name: '李群众', phone: '13912345678' },
    proposal: { reason: 'notPermitted', reasonText: '该路段禁止占道经营' },
    opinions: { 2: '内部意见甲', 3: '内部意见乙', 4: '内部意见丙' },
    workableSuggestion: '可到东关便民市场申请固定摊位',
  }) as const;

// Tuesday 1 December 2026, 10:00 in China: ten working days on is Tuesday 15 December.
const NOW = '2026-12-01T02:00:00Z';

const ADDRESS = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });

describe.each(DIALECTS)('tracking: receipt, public page, ratings, reopen [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, keshi: Client, ducha: Client, outsider: Client;
  const clock = fixedClock(NOW);
  let next = 10;
  /** Each test its own client address, so the limit of one does not reach another. */
  const post = (url: string, payload: unknown, address = next++) =>
    t.inject({ method: 'POST', url, payload: payload as object, headers: ADDRESS(address) });

  /** Signs everyone in (again after a test moved the clock past their sessions). */
  async function signInAll() {
    [shouwen, keshi, ducha, outsider] = await Promise.all([
      t.signIn('shouwen'),
      t.signIn('keshi'),
      t.signIn('ducha'),
      t.signIn('jgjc1'),
    ]);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: 'true' }, { clock });
    await signInAll();
  });
  afterAll(async () => {
    await t.dispose();
  });

  /** A case at the state, and a fresh code for it (issued by its first responder, shouwen). */
  async function caseWithCode(options: Parameters<typeof seedCase>[1]) {
    const c = await seedCase(t, options);
    const res = await shouwen.request('POST', `/api/cases/${c.id}/tracking-code`);
    expect(res.statusCode).toBe(201);
    return { id: c.id, number: c.number, code: res.json<{ trackingCode: string }>().trackingCode };
  }

  it('registration answers the code once; only its hash is stored; the SMS is recorded as skipped', async () => {
    const res = await shouwen.request('POST', '/api/cases', registration('设摊经营早点'));
    expect(res.statusCode).toBe(201);
    const body = res.json<{ id: string; receipt: { trackingCode: string; sms: string } }>();
    expect(body.receipt.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(body.receipt.sms).toBe('skipped');
    const db = t.ctx.database.db;
    const row = await db
      .selectFrom('case_tracking')
      .selectAll()
      .where('case_id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    const plain = body.receipt.trackingCode.replace(/-/g, '');
    // The code is nowhere in the database: not in the tracking row, the audit log, the outbox or the keys.
    for (const table of ['case_tracking', 'audit_events', 'outbox', 'idempotency_keys'] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(plain);
      expect(JSON.stringify(rows)).not.toContain(body.receipt.trackingCode);
    }
    const sms = await db.selectFrom('outbox').selectAll().where('channel', '=', 'sms').execute();
    expect(sms.some((m) => m.outcome === 'skipped' && m.last_error === 'sms is not configured')).toBe(true);
    // The public page opens with it, in any case and spacing.
    const page = await post('/api/public/track', {
      code: body.receipt.trackingCode.toLowerCase().replace(/-/g, ' '),
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ stage: 'beingHandled', matterTitle: '设摊经营早点', reply: null });
  });

  it('the receipt DOCX has the registration facts, and the code only when the current one is sent', async () => {
    const { id, number, code } = await caseWithCode({ state: 'open', ...registration('回执测试') });
    const res = await shouwen.request('POST', `/api/cases/${id}/receipt.docx`, { code });
    expect(res.statusCode).toBe(200);
    const { text } = readDocx(res.rawPayload);
    expect(text).toContain('受理回执');
    expect(text).toContain(number);
    expect(text).toContain('回执测试');
    expect(text).toContain('李群众');
    expect(text).toContain('登记注册科');
    expect(text).toContain(code);
    expect(text).toContain('10个工作日内申请重新办理');
    const without = readDocx((await shouwen.request('POST', `/api/cases/${id}/receipt.docx`, {})).rawPayload);
    expect(without.text).toContain('重新签发');
    const wrong = await shouwen.request('POST', `/api/cases/${id}/receipt.docx`, {
      code: '0000-0000-0000-0000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('TRACKING_CODE_MISMATCH');
    expect((await outsider.request('POST', `/api/cases/${id}/receipt.docx`, { code })).statusCode).toBe(404);
  });

  it('a new code replaces the old one; only the first responder issues it; outsiders get 404', async () => {
    const { id, code } = await caseWithCode({ state: 'open', ...registration('遗失回执') });
    const before = await tableCounts(t);
    expect((await outsider.request('POST', `/api/cases/${id}/tracking-code`)).statusCode).toBe(404);
    expect((await keshi.request('POST', `/api/cases/${id}/tracking-code`)).statusCode).toBe(403);
    expect(await tableCounts(t)).toEqual(before);
    const again = await shouwen.request('POST', `/api/cases/${id}/tracking-code`);
    const fresh = again.json<{ trackingCode: string }>().trackingCode;
    expect(fresh).not.toBe(code);
    const old = await post('/api/public/track', { code });
    expect(old.statusCode).toBe(404);
    expect((await post('/api/public/track', { code: fresh })).statusCode).toBe(200);
    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', '=', id)
      .where('type', '=', 'case.trackingCodeIssued')
      .orderBy('id')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload).reissued)).toEqual([false, true, true]);
  });

  it('a wrong code answers as an unknown one, and the limit per address stops guessing', async () => {
    const { code } = await caseWithCode({ state: 'open', ...registration('防枚举') });
    const unknown = await post('/api/public/track', { code: '0000-0000-0000-0000' }, 200);
    const malformed = await post('/api/public/track', { code: 'hello' }, 200);
    const flipped = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    const wrong = await post('/api/public/track', { code: flipped }, 200);
    for (const res of [unknown, malformed, wrong]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(unknown.body);
    }
    for (let i = 3; i < 10; i++) {
      expect((await post('/api/public/track', { code: flipped }, 200)).statusCode).toBe(404);
    }
    const refused = await post('/api/public/track', { code }, 200);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('TRACKING_BUSY');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back; and the window ends.
    expect((await post('/api/public/track', { code }, 201)).statusCode).toBe(200);
    clock.advance(16 * 60_000);
    expect((await post('/api/public/track', { code }, 200)).statusCode).toBe(200);
    clock.set(NOW);
    await signInAll();
  });

  it('bad input is a 400 with fields, a session is not needed, and no code in the URL', async () => {
    const bad = await post('/api/public/track', { code: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('code');
    const extra = await post('/api/public/track/rating', { code: 'x', rating: 'great' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields).toHaveProperty('rating');
    const empty = await post('/api/public/track/reopen', { code: 'x', reason: '' });
    expect(empty.statusCode).toBe(400);
    expect((await t.inject({ method: 'GET', url: '/api/public/track' })).statusCode).toBe(404);
  });

  it('shows the reply with reason and suggestion, nothing about staff; a 不满意 rating is flagged once', async () => {
    const { id, code } = await caseWithCode({ state: 'replied', ...refusal('占道经营') });
    const before = await post('/api/public/track', { code });
    expect(before.statusCode).toBe(200);
    const view = before.json();
    expect(view).toMatchObject({
      stage: 'answered',
      departmentName: '登记注册科',
      reply: {
        reason: 'notPermitted',
        reasonText: '该路段禁止占道经营',
        workableSuggestion: '可到东关便民市场申请固定摊位',
      },
      may: { rate: true, reopen: true, reopenUntil: '2026-12-15', reopenExpired: false },
    });
    for (const secret of ['内部意见', '13912345678', '李群众', 'shouwen', '张']) {
      expect(before.body).not.toContain(secret);
    }
    const rating = { code, rating: 'dissatisfied', comment: '摊位太远' };
    const [a, b] = await Promise.all([
      post('/api/public/track/rating', rating),
      post('/api/public/track/rating', rating),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json()).toMatchObject({
      rating: { rating: 'dissatisfied', comment: '摊位太远' },
      may: { rate: false },
    });
    const db = t.ctx.database.db;
    expect(await db.selectFrom('case_ratings').selectAll().where('case_id', '=', id).execute()).toHaveLength(
      1,
    );
    const flags = await db.selectFrom('supervision_flags').selectAll().where('case_id', '=', id).execute();
    expect(flags).toHaveLength(1);
    // Another rating for the same answer is refused.
    const other = await post('/api/public/track/rating', { ...rating, rating: 'satisfied' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('RATING_NOT_ALLOWED');
    // The supervision office is told and sees it; nobody else reads the list.
    const listed = await ducha.request('GET', '/api/supervision/flags');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.find((f: { caseId: string }) => f.caseId === id)).toMatchObject({
      kind: 'rating',
      rating: 'dissatisfied',
      comment: '摊位太远',
    });
    expect((await shouwen.request('GET', '/api/supervision/flags')).statusCode).toBe(404);
    const told = await db
      .selectFrom('notifications')
      .selectAll()
      .where('case_id', '=', id)
      .where('kind', '=', 'applicantFlagged')
      .execute();
    // Everyone in the supervision office (the demo has two), once each.
    expect(told.map((n) => n.person_id)).toContain(ducha.personId);
    expect(new Set(told.map((n) => n.person_id)).size).toBe(told.length);
    const audit = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'case.rated')
      .where('subject_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).not.toContain('摊位太远');
    expect(audit[0]!.actor_id).toBeNull();
  });

  it('能办 outcomes are rated too; staff record a rating given by phone; a satisfied one is not flagged', async () => {
    const { id } = await caseWithCode({ state: 'closed', outcome: 'done', ...registration('当场办结') });
    expect(
      (await keshi.request('POST', `/api/cases/${id}/ratings`, { rating: 'satisfied' })).statusCode,
    ).toBe(403);
    expect(
      (await outsider.request('POST', `/api/cases/${id}/ratings`, { rating: 'satisfied' })).statusCode,
    ).toBe(404);
    expect((await shouwen.request('POST', `/api/cases/${id}/ratings`, { rating: 'good' })).statusCode).toBe(
      400,
    );
    const res = await shouwen.request('POST', `/api/cases/${id}/ratings`, {
      rating: 'satisfied',
      comment: '电话回访',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ratings: [{ rating: 'satisfied', source: 'phone', flagged: false }],
      may: { rate: false, reissue: true },
    });
    const flags = await t.ctx.database.db
      .selectFrom('supervision_flags')
      .selectAll()
      .where('case_id', '=', id)
      .execute();
    expect(flags).toHaveLength(0);
  });

  it('a 不认可 feedback is flagged for the supervision office', async () => {
    const c = await seedCase(t, {
      state: 'closed',
      outcome: 'refused',
      ...refusal('不认可'),
      feedback: { accepted: false, text: '不认可答复' },
    });
    const flags = await t.ctx.database.db
      .selectFrom('supervision_flags')
      .selectAll()
      .where('case_id', '=', c.id)
      .execute();
    expect(flags).toMatchObject([{ kind: 'feedback', comment: '不认可答复' }]);
  });

  it('reopen within 10 working days sends the case back to the first responder, who is told', async () => {
    const { id, code } = await caseWithCode({ state: 'closed', outcome: 'refused', ...refusal('申请重办') });
    const res = await post('/api/public/track/reopen', { code, reason: '情况有变化，请重新研究' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'beingHandled', may: { rate: false, reopen: false } });
    const detail = (await shouwen.request('GET', `/api/cases/${id}`)).json();
    expect(detail).toMatchObject({ state: 'open', outcome: null });
    const db = t.ctx.database.db;
    const told = await db
      .selectFrom('notifications')
      .selectAll()
      .where('case_id', '=', id)
      .where('kind', '=', 'reopenRequested')
      .execute();
    expect(told.map((n) => n.person_id)).toEqual([shouwen.personId]);
    // Twice is once: the case is no longer answered.
    const again = await post('/api/public/track/reopen', { code, reason: '情况有变化，请重新研究' });
    expect(again.statusCode).toBe(409);
    expect(
      await db.selectFrom('case_reopen_requests').selectAll().where('case_id', '=', id).execute(),
    ).toHaveLength(1);
    // The new answer can be rated again, as a new handling round.
    const staff = (await shouwen.request('GET', `/api/cases/${id}/tracking`)).json();
    expect(staff).toMatchObject({
      reopenRequests: [{ round: 1, reason: '情况有变化，请重新研究' }],
      answeredOn: null,
    });
    const shouwenRow = await findPersonRowByUsername(db, 'shouwen');
    await actOnCase(
      t.ctx,
      { personId: shouwenRow!.id, address: null },
      { id, request: { version: detail.version, action: { type: 'closeDone', note: '重新研究后办结' } } },
    );
    const after = (await post('/api/public/track', { code })).json();
    expect(after).toMatchObject({ stage: 'closed', outcome: 'done', may: { rate: true, reopen: true } });
  });

  it('after 10 working days the page says so and offers no reopen', async () => {
    const { code } = await caseWithCode({ state: 'replied', ...refusal('超期重办') });
    clock.set('2026-12-15T16:30:00Z'); // 16 December in China
    const view = (await post('/api/public/track', { code })).json();
    expect(view.may).toEqual({ rate: true, reopen: false, reopenUntil: '2026-12-15', reopenExpired: true });
    const res = await post('/api/public/track/reopen', { code, reason: '还想再办' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REOPEN_NOT_ALLOWED');
    clock.set(NOW);
    await signInAll();
  });
});
