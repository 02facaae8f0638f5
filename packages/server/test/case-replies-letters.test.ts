// Issue 8's documents and replies over HTTP, on both databases: the written reply's day sent, way and
// address; impossible reply times refused; the one-time notice's headings; the reply letter's 文号 (once,
// unique under concurrency), contact number and seal; the late answer on the page and in lists; and the
// approval form with the full number for those who work the case. Outsiders get 404 and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeNoticeTemplate } from '@bancheng/core';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { FILLED_NOTICE, seedCase } from './factories.ts';
import { readDocx } from './docx-reading.ts';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const written = (overrides: Record<string, unknown> = {}) => ({
  type: 'recordReply',
  method: 'written',
  sentOn: today(),
  delivery: 'post',
  address: '演示市人民路1号 示范食品有限公司',
  content: '书面答复不能办理的原因及园区申办建议',
  ...overrides,
});

describe.each(DIALECTS)('written replies, the notice and the reply letter [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, ducha: Client, outsider: Client, admin: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [shouwen, ducha, outsider, admin] = await Promise.all([
      t.signIn('shouwen'),
      t.signIn('ducha'),
      t.signIn('jgjc1'),
      t.signIn('admin'),
    ]);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const act = (client: Client, id: string, version: number, action: unknown) =>
    client.request('POST', `/api/cases/${id}/actions`, { version, action });
  const eventsOf = async (id: string, type: string) =>
    t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'payload'])
      .where('subject_id', '=', id)
      .where('type', '=', type)
      .execute();

  it('records a written reply’s day sent, way and address, and keeps the address out of the log', async () => {
    const c = await seedCase(t, { state: 'refused' });
    const res = await act(
      shouwen,
      c.id,
      c.version,
      written({ delivery: 'email', address: 'boss@example.cn' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail.state).toBe('replied');
    expect(detail.facts.replies).toHaveLength(1);
    expect(detail.facts.replies[0]).toMatchObject({
      channel: 'written',
      sentOn: today(),
      delivery: 'email',
      address: 'boss@example.cn',
      content: '书面答复不能办理的原因及园区申办建议',
    });
    const row = await t.ctx.database.db
      .selectFrom('case_replies')
      .selectAll()
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ sent_on: today(), replied_on: today(), delivery: 'email' });
    const [event] = await eventsOf(c.id, 'case.recordReply');
    const payload = typeof event?.payload === 'string' ? event.payload : JSON.stringify(event?.payload);
    expect(payload).not.toContain('boss@example.cn');
    expect(JSON.parse(payload).action).toEqual({
      method: 'written',
      sentOn: today(),
      delivery: 'email',
      content: '书面答复不能办理的原因及园区申办建议',
    });
  });

  it('refuses a letter sent in the future or before the request, a call not yet made, and a missing way', async () => {
    const c = await seedCase(t, { state: 'refused', receivedAt: `${addDays(today(), -3)}T09:00:00+08:00` });
    const cases: [unknown, string, string][] = [
      [written({ sentOn: addDays(today(), 1) }), 'action.sentOn', '不能晚于当前时间'],
      [written({ sentOn: addDays(today(), -4) }), 'action.sentOn', '不能早于事项受理时间'],
      [
        {
          type: 'recordReply',
          method: 'phone',
          calledAt: new Date(Date.now() + 3_600_000).toISOString(),
          phoneNumber: '13900000000',
          answeredBy: '本人',
          content: '电话告知',
        },
        'action.calledAt',
        '不能晚于当前时间',
      ],
      [
        {
          type: 'recordReply',
          method: 'phone',
          calledAt: `${addDays(today(), -4)}T10:00:00+08:00`,
          phoneNumber: '13900000000',
          answeredBy: '本人',
          content: '电话告知',
        },
        'action.calledAt',
        '不能早于事项受理时间',
      ],
      [written({ delivery: 'fax' }), 'action.delivery', '取值无效'],
      [written({ address: '' }), 'action.address', '至少 1 个字符'],
    ];
    for (const [action, field, message] of cases) {
      const res = await act(shouwen, c.id, c.version, action);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields[field]).toBe(message);
    }
    const after = (await shouwen.request('GET', `/api/cases/${c.id}`)).json();
    expect(after).toMatchObject({ state: 'refused', version: c.version });
    expect(after.facts.replies).toEqual([]);
  });

  it('refuses the untouched one-time notice template with the headings named, and gives a filled one', async () => {
    const c = await seedCase(t, { state: 'open' });
    for (const lang of ['zh', 'en'] as const) {
      const res = await act(shouwen, c.id, c.version, {
        type: 'giveOneTimeNotice',
        notice: oneTimeNoticeTemplate(lang),
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.fields['action.notice']).toContain(
        '办理依据、办理程序、所需材料、办理时限、办理地点及联系方式',
      );
    }
    const blankMaterials = FILLED_NOTICE.replace(
      '三、所需材料：营业执照、经营场所证明',
      '三、所需材料：\n1. \n2. ',
    );
    const partly = await t.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/actions`,
      headers: { cookie: shouwen.cookie, 'x-csrf-token': shouwen.csrfToken, 'accept-language': 'en' },
      payload: { version: c.version, action: { type: 'giveOneTimeNotice', notice: blankMaterials } },
    });
    expect(partly.statusCode).toBe(400);
    expect(partly.json().error.fields['action.notice']).toBe(
      "fill in real content under these headings (not the template's blanks): Materials required",
    );
    expect((await eventsOf(c.id, 'case.giveOneTimeNotice')).length).toBe(0);

    const early = await shouwen.request('GET', `/api/cases/${c.id}/notice.docx`);
    expect(early.statusCode).toBe(409);
    const given = await act(shouwen, c.id, c.version, { type: 'giveOneTimeNotice', notice: FILLED_NOTICE });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ state: 'closed', outcome: 'oneTimeNotice' });

    const res = await shouwen.request('GET', `/api/cases/${c.id}/notice.docx`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toBe(
      `一次性告知书-${c.number}.docx`,
    );
    const { text, xml } = readDocx(res.rawPayload);
    const lines = text.split('\n');
    expect(lines[1]).toBe('一次性告知书');
    expect(lines).toContain('测试申请人：');
    expect(lines).toContain('三、所需材料：营业执照、经营场所证明');
    expect(lines).toContain('五、办理地点及联系方式：市民之家二楼12号窗口，0377-62306039');
    expect(text).toContain('登记注册科\u3000首问负责人：张伟');
    // The headings are set in bold.
    expect(xml).toMatch(/<w:b\/>(<[^>]+>)*<w:t xml:space="preserve">三、所需材料：<\/w:t>/);
    expect((await outsider.request('GET', `/api/cases/${c.id}/notice.docx`)).statusCode).toBe(404);
  });

  it('gives the reply letter a 文号 once, its contact number from the settings and a place for the seal', async () => {
    const settings = (await admin.request('GET', '/api/settings/bureau')).json();
    const put = await admin.request('PUT', '/api/settings/bureau', {
      levelWorkdays: settings.levelWorkdays,
      replyCounting: settings.replyCounting,
      replyWorkdays: settings.replyWorkdays,
      followUpWorkdays: settings.followUpWorkdays,
      contactPhone: '0377-62306039',
      version: settings.version,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().contactPhone).toBe('0377-62306039');
    const badPhone = await admin.request('PUT', '/api/settings/bureau', {
      ...settings,
      contactPhone: '12',
      version: put.json().version,
      updatedAt: undefined,
    });
    expect(badPhone.statusCode).toBe(400);
    expect(Object.keys(badPhone.json().error.fields)).toContain('contactPhone');

    const c = await seedCase(t, { state: 'refused' });
    expect(c.letterNumber).toBeNull();
    const first = await shouwen.request('GET', `/api/cases/${c.id}/reply-letter.docx`);
    expect(first.statusCode, first.body).toBe(200);
    const { text } = readDocx(first.rawPayload);
    const number = /〔(\d{4})〕(\d+)号/.exec(text);
    expect(number?.[1]).toBe(today().slice(0, 4));
    expect(text).toContain('联系电话：0377-62306039');
    expect(text).toMatch(/（盖章处）\n演示市市场监督管理局\n\d{4}年\d{1,2}月\d{1,2}日/);
    // The same number every time, kept on the case and audited once.
    const again = readDocx((await ducha.request('GET', `/api/cases/${c.id}/reply-letter.docx`)).rawPayload);
    expect(again.text).toContain(number?.[0]);
    expect((await shouwen.request('GET', `/api/cases/${c.id}`)).json().letterNumber).toBe(number?.[0]);
    expect(await eventsOf(c.id, 'case.letterNumbered')).toHaveLength(1);
  });

  it('numbers letters per department and year without a gap or a duplicate when many come at once', async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => seedCase(t, { state: 'refused' })));
    // Every case twice, all at once: six numbers, each case one of them.
    const answers = await Promise.all(
      [...cases, ...cases].map((c) => shouwen.request('GET', `/api/cases/${c.id}/reply-letter.docx`)),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    const rows = await t.ctx.database.db
      .selectFrom('cases')
      .select(['id', 'letter_number', 'letter_seq', 'letter_year'])
      .where('letter_number', 'is not', null)
      .execute();
    const mine = rows.filter((r) => cases.some((c) => c.id === r.id));
    expect(mine).toHaveLength(6);
    const seqs = rows.map((r) => Number(r.letter_seq)).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    for (const c of cases) {
      const letters = answers.filter((_, i) => i % 6 === cases.indexOf(c));
      const numbers = letters.map((l) => /〔\d{4}〕\d+号/.exec(readDocx(l.rawPayload).text)?.[0]);
      expect(numbers[0]).toBe(numbers[1]);
      expect(numbers[0]).toBe(mine.find((r) => r.id === c.id)?.letter_number);
      expect(await eventsOf(c.id, 'case.letterNumbered')).toHaveLength(1);
    }
  });

  it('shows an answer that came late in working days, on the page and in lists, after closing', async () => {
    // Received on Monday 2 November 2026: the reply was due three working days on, Thursday the 5th.
    const c = await seedCase(t, {
      state: 'closed',
      outcome: 'refused',
      receivedAt: '2026-11-02T09:00:00+08:00',
      reply: written({ sentOn: '2026-11-09' }) as never,
    });
    const detail = (await ducha.request('GET', `/api/cases/${c.id}`)).json();
    expect(detail.clocks.reply).toMatchObject({ due: '2026-11-05', status: 'late' });
    expect(detail.replyLateWorkdays).toBe(2);
    const list = (await ducha.request('GET', `/api/cases?view=all&state=closed&pageSize=100`)).json();
    expect(list.items.find((i: { id: string }) => i.id === c.id)?.replyLateWorkdays).toBe(2);
    const onTime = await seedCase(t, { state: 'closed', outcome: 'refused' });
    expect((await ducha.request('GET', `/api/cases/${onTime.id}`)).json().replyLateWorkdays).toBe(0);
    const open = await seedCase(t, { state: 'open' });
    expect((await ducha.request('GET', `/api/cases/${open.id}`)).json().replyLateWorkdays).toBeNull();
  });

  it('prints the full contact number on the form for people who work the case, as an audited reveal', async () => {
    const c = await seedCase(t, { state: 'atDeptHead', applicant: { phone: '13912345678' } });
    const mine = readDocx((await shouwen.request('GET', `/api/cases/${c.id}/form.docx`)).rawPayload);
    expect(mine.text).toContain('13912345678');
    expect(await eventsOf(c.id, 'case.phoneRevealed')).toHaveLength(1);
    const supervision = readDocx((await ducha.request('GET', `/api/cases/${c.id}/form.docx`)).rawPayload);
    expect(supervision.xml).not.toContain('13912345678');
    expect(supervision.text).toContain('139****5678');
    expect(await eventsOf(c.id, 'case.phoneRevealed')).toHaveLength(1);
  });

  it('answers outsiders 404 for every document and numbers nothing', async () => {
    const c = await seedCase(t, { state: 'refused' });
    for (const doc of ['form.docx', 'notice.docx', 'reply-letter.docx']) {
      const res = await outsider.request('GET', `/api/cases/${c.id}/${doc}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    const row = await t.ctx.database.db
      .selectFrom('cases')
      .select('letter_number')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.letter_number).toBeNull();
    expect(await eventsOf(c.id, 'case.phoneRevealed')).toHaveLength(0);
  });
});
