// Notifications in the reader's language (the decision record “Messages in the reader’s language”): the inbox renders each notification's kind and
// parameters in the language of the request (Accept-Language, which the web app sends from its switch);
// rows written before parameters were stored keep their Chinese text; email goes out in the recipient's
// language (people.language, set with PUT /api/auth/language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { createOutboxWorker } from '../src/modules/notifications/outbox-worker.ts';
import {
  giveEveryoneAnEmail,
  mailsTo,
  registration,
  startMailServer,
  type MailServer,
} from './notification-fixtures.ts';

const HAN = /\p{Script=Han}/u;

async function act(who: Client, id: string, action: Record<string, unknown>) {
  const current = (await who.request('GET', `/api/cases/${id}`)).json<{ version: number }>();
  const res = await who.request('POST', `/api/cases/${id}/actions`, { version: current.version, action });
  expect(res.statusCode, res.body).toBe(200);
}

interface Listed {
  id: string;
  kind: string;
  caseId: string | null;
  title: string;
  body: string;
}

describe.each(DIALECTS)('notifications in the reader’s language [%s]', (dialect) => {
  let t: TestApp;
  let mail: MailServer;
  let shouwen: Client, keshi: Client, fenguan: Client;
  /** A case proposed for refusal by shouwen (who reads English) and escalated by keshi (Chinese). */
  let c: { id: string; number: string };

  beforeAll(async () => {
    mail = await startMailServer();
    t = await createTestApp(dialect, { SMTP_URL: mail.url, MAIL_FROM: 'bancheng@example.test' });
    await giveEveryoneAnEmail(t.ctx.database.db);
    shouwen = await t.signIn('shouwen');
    keshi = await t.signIn('keshi');
    fenguan = await t.signIn('fenguan');
    expect((await shouwen.request('PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(204);
    c = (await shouwen.request('POST', '/api/cases', registration('语言测试事项'))).json();
    await act(shouwen, c.id, { type: 'proposeRefusal', reason: 'notPermitted', reasonText: '不允许' });
    await act(keshi, c.id, { type: 'decide', decision: 'escalate', opinion: '提级' });
  });
  afterAll(async () => {
    await t.dispose();
    await mail.close();
  });

  const inbox = async (c: Client, lang: string) => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/notifications?pageSize=200',
      headers: { cookie: c.cookie, 'accept-language': lang },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Listed[] }>().items;
  };

  it('sets the language one reads in: 204, shown by me, one audit event, a bad value refused', async () => {
    const events = () =>
      t.ctx.database.db
        .selectFrom('audit_events')
        .select('payload')
        .where('type', '=', 'auth.languageSet')
        .where('actor_id', '=', fenguan.personId)
        .execute();
    expect((await fenguan.request('GET', '/api/auth/me')).json<{ language: string }>().language).toBe('zh');
    const bad = await fenguan.request('PUT', '/api/auth/language', { language: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { fields: Record<string, string> } }>().error.fields).toHaveProperty('language');
    expect(await events()).toEqual([]);
    expect((await fenguan.request('PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(204);
    expect((await fenguan.request('PUT', '/api/auth/language', { language: 'en' })).statusCode).toBe(204);
    expect((await fenguan.request('GET', '/api/auth/me')).json<{ language: string }>().language).toBe('en');
    expect((await events()).map((e) => JSON.parse(e.payload))).toEqual([{ language: 'en' }]);
    expect(
      (await t.inject({ method: 'PUT', url: '/api/auth/language', payload: { language: 'en' } })).statusCode,
    ).toBe(401);
  });

  it('lists a notification in English for an English reader and in Chinese for a Chinese one', async () => {
    const arrivedEn = (await inbox(keshi, 'en')).find((n) => n.caseId === c.id && n.kind === 'caseArrived')!;
    expect(arrivedEn.title).toBe(`Awaiting your approval: ${c.number}`);
    expect(arrivedEn.body).toBe(
      `The proposed refusal ${c.number} “语言测试事项” has been escalated to the department head; please decide.`,
    );
    // Outside the user-entered matter title, no Chinese.
    expect(arrivedEn.body.replace('语言测试事项', '')).not.toMatch(HAN);
    const arrivedZh = (await inbox(keshi, 'zh-CN,zh;q=0.9')).find((n) => n.id === arrivedEn.id)!;
    expect(arrivedZh.title).toBe(`待您审批：${c.number}`);
    expect(arrivedZh.body).toBe(`说“不”事项 ${c.number}「语言测试事项」 已提级至科室负责人，请审批。`);

    const decidedEn = (await inbox(shouwen, 'en')).find((n) => n.caseId === c.id)!;
    expect(decidedEn.kind).toBe('decisionMade');
    expect(decidedEn.title).toBe(`Your proposed refusal has a decision: ${c.number}`);
    expect(decidedEn.body).toBe(`The department head decided on ${c.number} “语言测试事项”: escalate.`);
    // Marking it read answers it in the request's language too.
    const read = await t.inject({
      method: 'POST',
      url: `/api/notifications/${decidedEn.id}/read`,
      headers: { cookie: shouwen.cookie, 'x-csrf-token': shouwen.csrfToken, 'accept-language': 'en' },
    });
    expect(read.json<Listed>().title).toBe(decidedEn.title);

    // Stored: the kind, the parameters and the Chinese text as the record of what was said.
    const row = await t.ctx.database.db
      .selectFrom('notifications')
      .select(['title', 'params'])
      .where('id', '=', decidedEn.id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe(`您提出的说“不”已有审批意见：${c.number}`);
    expect(JSON.parse(row.params ?? 'null')).toEqual({
      caseNumber: c.number,
      matterTitle: '语言测试事项',
      level: 2,
      decision: 'escalate',
    });
  });

  it('emails each recipient in their own language', async () => {
    const worker = createOutboxWorker(t.ctx, {
      log: { info: () => undefined, warn: () => undefined },
    });
    const report = await worker.tick();
    await worker.stop();
    expect(report.failed).toBe(0);
    const toShouwen = mailsTo(mail, 'shouwen@example.test', 'Your proposed refusal has a decision');
    expect(toShouwen).toHaveLength(1);
    expect(toShouwen[0]!.subject).toMatch(/^\[Bancheng\] /);
    expect(mailsTo(mail, 'shouwen@example.test', '【办成】')).toEqual([]);
    expect(mailsTo(mail, 'keshi@example.test', '【办成】待您审批')).toHaveLength(1);
  });

  it('still lists rows written before parameters were stored, with their Chinese text in either language', async () => {
    await t.ctx.database.db
      .insertInto('notifications')
      .values({
        id: '00000000-0000-4000-8000-00000000a0a0',
        person_id: shouwen.personId,
        kind: 'caseHandedOver',
        case_id: null,
        title: '转交给您办理：旧通知',
        body: '旧版本写入的通知。',
        params: null,
        dedupe_key: null,
        created_at: '2020-01-01T00:00:00.000Z',
        read_at: null,
      })
      .execute();
    for (const lang of ['en', 'zh-CN']) {
      const old = (await inbox(shouwen, lang)).find((n) => n.id === '00000000-0000-4000-8000-00000000a0a0');
      expect(old).toMatchObject({ title: '转交给您办理：旧通知', body: '旧版本写入的通知。' });
    }
  });
});
