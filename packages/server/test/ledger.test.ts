import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { PNG, reportForm, solvedAltcha } from './ledger-fixtures.ts';
import { seedCase } from './factories.ts';
import { readDocx } from './docx-reading.ts';
import { fixedClock } from '../src/platform/clock.ts';

// Tuesday 1 December 2026, 10:00 in China.
const NOW = '2026-12-01T02:00:00Z';
const NAME = '欧阳举报人';
const PHONE = '13712345678';

describe.each(DIALECTS)('ledger: reports, orders, referrals [%s]', { timeout: 120_000 }, (dialect) => {
  let t: TestApp;
  let ducha: Client, keshi: Client, outsider: Client, cqjj: Client, jijian: Client;
  let bureauId: string, djzcId: string, cqUnitId: string, cqscId: string;
  let next = 10;
  const address = () => ({ 'x-forwarded-for': `198.51.100.${next++}` });

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: 'true' }, { clock: fixedClock(NOW) });
    [ducha, keshi, outsider, cqjj, jijian] = await Promise.all([
      t.signIn('ducha'),
      t.signIn('keshi'),
      t.signIn('jgjc1'),
      t.signIn('cqjj'),
      t.signIn('jijian'),
    ]);
    const db = t.ctx.database.db;
    const deps = await db
      .selectFrom('departments')
      .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
      .select([
        'departments.id',
        'departments.name',
        'org_units.id as unit_id',
        'org_units.kind',
        'org_units.name as unit_name',
      ])
      .execute();
    const dep = (name: string) => deps.find((d) => d.name === name)!;
    djzcId = dep('登记注册科').id;
    bureauId = dep('登记注册科').unit_id;
    cqscId = dep('市场监管股').id;
    cqUnitId = dep('市场监管股').unit_id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  async function submit(report: Record<string, unknown>, files: { name: string; content: Buffer }[] = []) {
    const form = reportForm({ report, altcha: await solvedAltcha(t), files });
    return t.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: form.payload,
      headers: { ...form.headers, ...address() },
    });
  }
  const status = (code: string, headers = address()) =>
    t.inject({ method: 'POST', url: '/api/public/reports/status', payload: { code }, headers });
  const idOf = async (code: string) => {
    void code;
    const rows = await t.ctx.database.db
      .selectFrom('reports')
      .select(['id', 'number'])
      .orderBy('received_at', 'desc')
      .orderBy('number', 'desc')
      .execute();
    return rows[0]!.id;
  };

  it('a submission without a solved challenge is refused with the clear message; a solution is spent once', async () => {
    const report = { what: '办营业执照被推诿', unitId: bureauId, consent: true, language: 'zh' };
    const db = t.ctx.database.db;
    const before = (await db.selectFrom('reports').select('id').execute()).length;
    const none = reportForm({ report });
    const res = await t.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: none.payload,
      headers: { ...none.headers, ...address() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'CHALLENGE_FAILED', message: '请完成人机验证后再提交' });
    const en = await t.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: none.payload,
      headers: { ...none.headers, ...address(), 'accept-language': 'en' },
    });
    expect(en.json().error.message).toBe('Please complete the human verification before submitting');
    const bogus = reportForm({ report, altcha: Buffer.from('{"number":1}').toString('base64') });
    const bad = await t.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: bogus.payload,
      headers: { ...bogus.headers, ...address() },
    });
    expect(bad.json().error.code).toBe('CHALLENGE_FAILED');
    const altcha = await solvedAltcha(t);
    const once = reportForm({ report, altcha });
    const first = await t.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: once.payload,
      headers: { ...once.headers, ...address() },
    });
    expect(first.statusCode).toBe(201);
    const again = await t.inject({
      method: 'POST',
      url: '/api/public/reports',
      payload: once.payload,
      headers: { ...once.headers, ...address() },
    });
    expect(again.json().error.code).toBe('CHALLENGE_FAILED');
    expect(await db.selectFrom('reports').select('id').execute()).toHaveLength(before + 1);
  });

  it('bad input is 400 with fields; a sixth file is 413; a file that is not an image or PDF is refused', async () => {
    const missing = await submit({ unitId: bureauId, consent: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('what');
    const noConsent = await submit({ what: 'x', unitId: bureauId, consent: false });
    expect(noConsent.json().error.fields).toHaveProperty('consent');
    const six = await submit(
      { what: '六个文件', unitId: bureauId, consent: true },
      Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.png`, content: PNG })),
    );
    expect(six.statusCode).toBe(413);
    const exe = await submit({ what: '可执行文件', unitId: bureauId, consent: true }, [
      { name: 'a.png', content: Buffer.from('MZ\x90\x00not an image') },
    ]);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('the whole way: report → assess → order → answer → send back → answer → accept → reply → status page', async () => {
    const res = await submit(
      {
        what: '窗口说材料不全，来回跑了三趟',
        unitId: bureauId,
        departmentId: djzcId,
        counter: '3号窗口',
        happenedOn: '2026-11-28',
        name: NAME,
        phone: PHONE,
        wantsSms: true,
        consent: true,
        language: 'zh',
      },
      [{ name: '照片.png', content: PNG }],
    );
    expect(res.statusCode).toBe(201);
    const receipt = res.json<{ code: string; smsSent: boolean }>();
    expect(receipt.code).toMatch(/^R(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const db = t.ctx.database.db;
    for (const table of ['reports', 'audit_events', 'outbox', 'notifications'] as const) {
      const rows = JSON.stringify(await db.selectFrom(table).selectAll().execute());
      expect(rows).not.toContain(receipt.code.replace(/-/g, '').slice(1));
    }
    const audit = JSON.stringify(await db.selectFrom('audit_events').selectAll().execute());
    expect(audit).not.toContain(NAME);
    expect(audit).not.toContain(PHONE);
    const view = await status(receipt.code.toLowerCase());
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      stage: 'received',
      what: '窗口说材料不全，来回跑了三趟',
      departmentName: '登记注册科',
      counter: '3号窗口',
      attachmentCount: 1,
    });
    expect(view.body).not.toContain(NAME);
    expect(view.body).not.toContain(PHONE);

    const id = await idOf(receipt.code);
    const page = await ducha.request('GET', `/api/ledger/reports/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      state: 'received',
      roles: ['handlingOffice'],
      reporter: { maskedName: '欧****', hasPhone: true },
    });
    expect(page.body).not.toContain(PHONE);
    expect(page.json().actions).toContain('triage');
    const inScope = await ducha.request('POST', `/api/ledger/reports/${id}/triage`, { decision: 'inScope' });
    expect(inScope.json().state).toBe('inLedger');
    const order = await ducha.request('POST', `/api/ledger/reports/${id}/orders`, {
      departmentId: djzcId,
      instructions: '请核查窗口推诿情况',
      dueWorkdays: 5,
    });
    expect(order.statusCode).toBe(200);
    const o = order.json().orders[0];
    expect(o).toMatchObject({ state: 'open', dueDate: '2026-12-08', light: 'green' });

    // The department head: the to-do, the order, never the reporter; not the full record.
    const todo = await keshi.request('GET', '/api/ledger/orders');
    expect(todo.json().items.map((i: { id: string }) => i.id)).toContain(o.id);
    const detail = await keshi.request('GET', `/api/ledger/orders/${o.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      mayAnswer: true,
      report: { what: '窗口说材料不全，来回跑了三趟' },
    });
    expect((await keshi.request('GET', `/api/ledger/reports/${id}`)).statusCode).toBe(404);
    const notes = await keshi.request('GET', '/api/notifications');
    expect(notes.body).toContain('督办单');
    const answered = await keshi.request('POST', `/api/ledger/orders/${o.id}/answer`, {
      text: '已约谈窗口人员，一次性办结',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().order.state).toBe('answered');
    expect(
      (await keshi.request('POST', `/api/ledger/orders/${o.id}/verify`, { accept: true })).statusCode,
    ).toBe(404);
    // The reply cannot come while the order waits for verification.
    expect(
      (await ducha.request('POST', `/api/ledger/reports/${id}/reply`, { text: '过早' })).statusCode,
    ).toBe(409);
    const back = await ducha.request('POST', `/api/ledger/orders/${o.id}/verify`, {
      accept: false,
      reason: '未说明整改措施',
    });
    expect(back.json().orders[0].state).toBe('open');
    await keshi.request('POST', `/api/ledger/orders/${o.id}/answer`, { text: '已整改：窗口实行首问负责' });
    const accepted = await ducha.request('POST', `/api/ledger/orders/${o.id}/verify`, { accept: true });
    expect(accepted.json()).toMatchObject({ state: 'inLedger', orders: [{ state: 'accepted' }] });
    const replied = await ducha.request('POST', `/api/ledger/reports/${id}/reply`, {
      text: '经核查属实，已督促整改',
      sendSms: true,
    });
    expect(replied.json()).toMatchObject({
      state: 'closed',
      outcome: 'replied',
      reply: { text: '经核查属实，已督促整改' },
    });
    const after = await status(receipt.code);
    expect(after.json()).toMatchObject({ stage: 'answered', reply: { text: '经核查属实，已督促整改' } });

    // The reveal: the handling office, audited; the department head never.
    expect((await keshi.request('POST', `/api/ledger/reports/${id}/reveal`)).statusCode).toBe(404);
    const reveal = await ducha.request('POST', `/api/ledger/reports/${id}/reveal`);
    expect(reveal.json()).toEqual({ name: NAME, phone: PHONE });
    const events = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'report.reporterRevealed')
      .where('subject_id', '=', id)
      .execute();
    expect(events).toHaveLength(1);

    // The record and the ledger as files: the reporter masked.
    const docx = await ducha.request('GET', `/api/ledger/reports/${id}/record.docx`);
    expect(docx.statusCode).toBe(200);
    const { text } = readDocx(docx.rawPayload);
    expect(text).toContain('窗口说材料不全');
    expect(text).toContain('欧****');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(NAME);
    const xlsx = await ducha.request('GET', '/api/ledger/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('out of scope: answered and explained, closed, the answer on the status page', async () => {
    const res = await submit({ what: '想咨询社保缴费', unitId: bureauId, consent: true });
    const { code } = res.json<{ code: string }>();
    const id = await idOf(code);
    const out = await ducha.request('POST', `/api/ledger/reports/${id}/triage`, {
      decision: 'outOfScope',
      publicAnswer: '社保缴费请咨询人社部门12333',
    });
    expect(out.json()).toMatchObject({ state: 'closed', outcome: 'explained', triage: 'outOfScope' });
    expect((await status(code)).json()).toMatchObject({
      stage: 'closed',
      reply: { text: '社保缴费请咨询人社部门12333' },
    });
  });

  it('a report about a unit goes to its discipline inspection, the city office oversees; referral and finding', async () => {
    const res = await submit({
      what: '分局办事拖延',
      unitId: cqUnitId,
      departmentId: cqscId,
      name: NAME,
      consent: true,
    });
    const id = await idOf(res.json().code);
    const cq = await cqjj.request('GET', `/api/ledger/reports/${id}`);
    expect(cq.json().roles).toEqual(['handlingOffice']);
    expect(
      (await cqjj.request('GET', '/api/ledger/reports')).json().items.map((i: { id: string }) => i.id),
    ).toContain(id);
    const city = await ducha.request('GET', `/api/ledger/reports/${id}`);
    expect(city.json()).toMatchObject({ roles: ['overseeingOffice'], actions: [] });
    expect(
      (await ducha.request('POST', `/api/ledger/reports/${id}/triage`, { decision: 'inScope' })).statusCode,
    ).toBe(404);
    // The bureau's discipline inspection does not see it until it is referred (and then not: another unit).
    expect((await jijian.request('GET', `/api/ledger/reports/${id}`)).statusCode).toBe(404);
    await cqjj.request('POST', `/api/ledger/reports/${id}/triage`, { decision: 'inScope' });
    const referred = await cqjj.request('POST', `/api/ledger/reports/${id}/referral`, {
      note: '涉嫌吃拿卡要',
    });
    expect(referred.json()).toMatchObject({ state: 'referred', referral: { state: 'open' } });
    const referrals = await cqjj.request('GET', '/api/ledger/referrals');
    const referral = referrals.json().items.find((r: { reportId: string }) => r.reportId === id);
    const found = await cqjj.request('POST', `/api/ledger/referrals/${referral.id}/finding`, {
      substantiated: true,
      notes: '查证属实',
      accountability: '诫勉谈话',
    });
    expect(found.json()).toMatchObject({
      state: 'inLedger',
      referral: { state: 'found', finding: { substantiated: true, accountability: '诫勉谈话' } },
    });
    const revealed = await cqjj.request('POST', `/api/ledger/reports/${id}/reveal`);
    expect(revealed.json().name).toBe(NAME);
  });

  it('registers from a phone call; links cases the office reads; raises a report from a 不满意 flag', async () => {
    const reg = await ducha.request('POST', '/api/ledger/reports', {
      source: 'phone',
      what: '电话反映：窗口无人',
      unitId: bureauId,
      departmentId: djzcId,
      phone: PHONE,
    });
    expect(reg.statusCode).toBe(201);
    const { report, receipt } = reg.json();
    expect(receipt.code).toMatch(/^R-/);
    expect(report.source).toBe('phone');
    const c = await seedCase(t, { state: 'open' });
    const search = await ducha.request('GET', `/api/ledger/case-search?q=${encodeURIComponent(c.number)}`);
    expect(search.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    const linked = await ducha.request('POST', `/api/ledger/reports/${report.id}/cases`, { caseId: c.id });
    expect(linked.json().linkedCases.map((l: { caseId: string }) => l.caseId)).toEqual([c.id]);
    const unlinked = await ducha.request('DELETE', `/api/ledger/reports/${report.id}/cases/${c.id}`);
    expect(unlinked.json().linkedCases).toEqual([]);
    expect(
      (
        await outsider.request('POST', '/api/ledger/reports', {
          source: 'phone',
          what: 'x',
          unitId: bureauId,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('10,000 guessed codes find nothing and are rate-limited', async () => {
    const counts = { 404: 0, 429: 0, other: 0 };
    for (let a = 0; a < 20; a++) {
      const headers = { 'x-forwarded-for': `192.0.2.${a + 1}` };
      for (let i = 0; i < 500; i++) {
        const guess = `R${String(a).padStart(4, '0')}${String(i).padStart(12, '0')}`;
        const res = await status(guess, headers);
        if (res.statusCode === 404) counts[404]++;
        else if (res.statusCode === 429) counts[429]++;
        else counts.other++;
      }
    }
    expect(counts).toEqual({ 404: 200, 429: 9800, other: 0 });
  }, 240_000);

  it('a burst of reports from one address gets 429 after the limit', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.200' };
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const form = reportForm({
        report: { what: `第${i}次`, unitId: bureauId, consent: true },
        altcha: await solvedAltcha(t),
      });
      codes.push(
        (
          await t.inject({
            method: 'POST',
            url: '/api/public/reports',
            payload: form.payload,
            headers: { ...form.headers, ...headers },
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });
});
