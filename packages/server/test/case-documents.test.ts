import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { seedCase } from './factories.ts';
import { readDocx } from './docx-reading.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const registration = (matterTitle: string) => ({
  applicant: {
    kind: 'enterprise',
    name: '示范食品有限公司',
    creditCode: '91411381MA45ABCD13',
    phone: '13912345678',
  },
  channel: 'visit',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle,
  description: '企业希望在住宅楼一层开设食品加工作坊',
});

/** The refusal both documents describe, walked up the chain by the case service. */
const refusal = (matterTitle: string) =>
  ({
    ...registration(matterTitle),
    channel: 'visit',
    matterType: 'licensing',
    applicant: { ...registration(matterTitle).applicant, kind: 'enterprise' },
    proposal: { reason: 'notPermitted', reasonText: '住宅楼内不得从事食品加工' },
    opinions: { 2: '把握不准，提请分管领导', 3: '仍不能办，提请主要领导审定', 4: '法规明确禁止，确实不能办' },
    workableSuggestion: '可在工业园区标准厂房申办，我局提供选址指导',
    reply: {
      method: 'phone',
      calledAt: '2026-11-28T10:00:00+08:00',
      phoneNumber: '13912345678',
      answeredBy: '王经理',
      content: '告知不能办理的原因及园区申办建议',
    },
    feedback: { accepted: true, text: '表示理解' },
  }) as const;

describe.each(DIALECTS)('case documents: the approval form and the reply letter as DOCX [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client, keshi: Client, ducha: Client, outsider: Client;
  /** A case waiting at the principal leader, and one refused, answered by phone and closed. */
  let pendingId: string, closedId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [shouwen, keshi, ducha, outsider] = await Promise.all([
      t.signIn('shouwen'),
      t.signIn('keshi'),
      t.signIn('ducha'),
      t.signIn('jgjc1'),
    ]);
    pendingId = (
      await seedCase(t, { state: 'atPrincipalLeader', ...refusal('在住宅楼内办理食品经营许可（待审定）') })
    ).id;
    closedId = (
      await seedCase(t, { state: 'closed', outcome: 'refused', ...refusal('在住宅楼内办理食品经营许可') })
    ).id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('fills Attachment 4 with every level’s opinion, signer and date, and the phone masked', async () => {
    const res = await ducha.request('GET', `/api/cases/${closedId}/form.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_TYPE);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="approval-form-\d{4}-\d{6}\.docx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1] ?? '')).toMatch(
      /^说“不”事项提级管理审批表-\d{4}-\d{6}\.docx$/,
    );
    const { xml, text } = readDocx(res.rawPayload);
    const lines = text.split('\n');
    expect(lines[0]).toBe('演示市市场监督管理局 说“不”事项提级管理审批表');
    expect(lines[1]).toMatch(/^\d{4} 年 \d{1,2} 月 \d{1,2} 日$/);
    for (const label of [
      '承办单位（科室）',
      '首问负责人',
      '申请（来信、来访）人',
      '单位、姓名',
      '联系方式',
      '申请（来信、来访）时间、方式',
      '时间',
      '方式',
      '申请（来信、来访）事项',
      '说“不”理由',
      '申请（来信、来访）人意见反馈',
      '科室负责人审批意见',
      '分管领导审批意见',
      '主要领导审批意见',
      '备注',
    ]) {
      expect(lines).toContain(label);
    }
    expect(lines).toContain('演示市市场监督管理局 登记注册科');
    expect(lines).toContain('张伟');
    expect(text).toContain('示范食品有限公司（统一社会信用代码：91411381MA45ABCD13）');
    expect(lines).toContain('2026年11月20日 09:30');
    expect(lines).toContain('来访');
    expect(text).toContain('【法律政策不允许】住宅楼内不得从事食品加工');
    expect(text).toContain('【提请上级】把握不准，提请分管领导');
    expect(text).toMatch(/审批人：陈静\u3000\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toContain('【提请上级】仍不能办，提请主要领导审定');
    expect(text).toMatch(/审批人：李明\u3000\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toContain('【确实不能办】法规明确禁止，确实不能办');
    expect(text).toContain('说“行”建议：可在工业园区标准厂房申办，我局提供选址指导');
    expect(text).toMatch(/审批人：王建国\u3000\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toContain('【认可】表示理解');
    expect(text).toContain('答复：电话答复（接听人：王经理），2026年11月28日 10:00');
    expect(text).toContain('139****5678');
    expect(xml).not.toContain('13912345678');
    // The layout: A4 portrait, 15 mm top and bottom and 18 mm side margins, single black borders, merged
    // cells, a bold 18 pt Song title.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="850" w:right="1020" w:bottom="850" w:left="1020"/);
    expect(xml).toContain('<w:top w:val="single" w:color="000000" w:sz="4"/>');
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toMatch(/<w:rFonts[^>]*w:eastAsia="SimSun"/);
    expect(xml).toMatch(/<w:b\/>(<[^>]+>)*<w:sz w:val="36"\/>/);
  });

  it('gives a blank form for a case not yet proposed, and a date line once it is', async () => {
    const open = (await shouwen.request('POST', '/api/cases', registration('尚未提请的事项'))).json();
    const blank = readDocx((await shouwen.request('GET', `/api/cases/${open.id}/form.docx`)).rawPayload);
    expect(blank.text.split('\n')[1]).toBe('年　　月　　日');
    expect(blank.text).not.toContain('审批人：');
    const pending = readDocx((await keshi.request('GET', `/api/cases/${pendingId}/form.docx`)).rawPayload);
    expect(pending.text.split('\n')[1]).toMatch(/^\d{4} 年 \d{1,2} 月 \d{1,2} 日$/);
    expect(pending.text).not.toContain('【确实不能办】');
  });

  it('writes the reply letter once the refusal is final, and refuses it before', async () => {
    const early = await shouwen.request('GET', `/api/cases/${pendingId}/reply-letter.docx`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CASE_ACTION_NOT_ALLOWED');

    const res = await shouwen.request('GET', `/api/cases/${closedId}/reply-letter.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_TYPE);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="reply-letter-\d{4}-\d{6}\.docx"/,
    );
    const { xml, text } = readDocx(res.rawPayload);
    expect(text.split('\n')[0]).toBe('关于“在住宅楼内办理食品经营许可”事项的答复');
    expect(text).toContain('示范食品有限公司：');
    expect(text).toContain('贵单位于2026年11月20日以来访方式提出的“在住宅楼内办理食品经营许可”事项收悉');
    expect(text).toContain('住宅楼内不得从事食品加工。经我单位主要领导审定：法规明确禁止，确实不能办。');
    expect(text).toContain('可在工业园区标准厂房申办，我局提供选址指导。');
    expect(text).toContain('可向演示市市场监督管理局督查室反映');
    expect(text).toMatch(/演示市市场监督管理局\n\d{4}年\d{1,2}月\d{1,2}日/);
    expect(xml).not.toContain('13912345678');
  });

  it('hides both documents from someone who cannot see the case, and needs a session', async () => {
    for (const doc of ['form.docx', 'reply-letter.docx']) {
      const res = await outsider.request('GET', `/api/cases/${closedId}/${doc}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await t.inject({ method: 'GET', url: `/api/cases/${closedId}/${doc}` })).statusCode).toBe(401);
      expect((await shouwen.request('GET', `/api/cases/no-such-case/${doc}`)).statusCode).toBe(404);
    }
  });

  it('says in words, in the form’s remarks, that a deadline in an unloaded year assumed weekends only', async () => {
    const id = (await seedCase(t, { state: 'refused', ...refusal('在住宅楼内办理食品经营许可（跨年）') })).id;
    // A reply deadline counted into 2027, whose State Council schedule is not loaded.
    await t.ctx.database.db
      .updateTable('cases')
      .set({ reply_deadline: '2027-01-05', reply_deadline_provisional: 1 })
      .where('id', '=', id)
      .execute();
    const detail = (await ducha.request('GET', `/api/cases/${id}`)).json();
    expect(detail).toMatchObject({ dueDate: '2027-01-05', dueProvisional: true });
    const form = await ducha.request('GET', `/api/cases/${id}/form.docx`);
    expect(form.statusCode, form.body).toBe(200);
    expect(readDocx(form.rawPayload).text).toContain(
      '截止日期：2027-01-05（截止日期按周末推算，2027年节假日安排尚未载入）',
    );
    // A deadline on the loaded calendar says nothing of the kind.
    const closed = await ducha.request('GET', `/api/cases/${closedId}/form.docx`);
    expect(readDocx(closed.rawPayload).text).not.toContain('按周末推算');
  });
});

describe.each(DIALECTS)('case documents with a Chinese case number format [%s]', (dialect) => {
  let t: TestApp;
  let shouwen: Client;
  let caseId: string;
  let number: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { CASE_NUMBER_FORMAT: '邓市监提〔{year}〕{seq4}号' });
    shouwen = await t.signIn('shouwen');
    const refused = await seedCase(t, {
      state: 'refused',
      ...refusal('在住宅楼内办理食品经营许可'),
      workableSuggestion: '可在工业园区申办',
    });
    caseId = refused.id;
    number = refused.number;
  });
  afterAll(async () => {
    await t.dispose();
  });

  /** The name a browser saves: filename* decoded; the plain filename is visible ASCII only. */
  function savedName(header: unknown): string {
    const value = String(header);
    expect(value).toMatch(
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/,
    );
    return decodeURIComponent(value.split("UTF-8''")[1] ?? '');
  }

  it('sends the approval form and the reply letter named with the Chinese case number', async () => {
    expect(number).toMatch(/^邓市监提〔\d{4}〕\d{4}号$/);
    const form = await shouwen.request('GET', `/api/cases/${caseId}/form.docx`);
    expect(form.statusCode, form.body).toBe(200);
    expect(form.headers['content-type']).toBe(DOCX_TYPE);
    expect(savedName(form.headers['content-disposition'])).toBe(`说“不”事项提级管理审批表-${number}.docx`);
    expect(String(form.headers['content-disposition'])).toContain('filename="approval-form-');
    const letter = await shouwen.request('GET', `/api/cases/${caseId}/reply-letter.docx`);
    expect(letter.statusCode, letter.body).toBe(200);
    expect(savedName(letter.headers['content-disposition'])).toBe(`答复函-${number}.docx`);
    expect(readDocx(letter.rawPayload).text).toContain('可在工业园区申办');
  });
});
