// The rules behind the documents and the written reply: the one-time notice's headings, a reply's time,
// how late an answer was in working days, the reply letter's 文号.
import { describe, expect, it } from 'vitest';
import {
  ONE_TIME_NOTICE_SECTIONS,
  buildWorkCalendar,
  caseActionSchema,
  checkOneTimeNotice,
  describeValidationIssue,
  formatLetterNumber,
  oneTimeNoticeMessage,
  oneTimeNoticeTemplate,
  replyLateWorkdays,
  replyTimeProblem,
  type WorkCalendar,
} from '../src/index.ts';

const FILLED_ZH = [
  '一、办理依据：《食品经营许可和备案管理办法》第十条',
  '二、办理程序：',
  '1. 网上申请',
  '2. 现场核查',
  '三、所需材料：',
  '1. 营业执照复印件',
  '2. 食品安全管理制度',
  '四、办理时限：受理后10个工作日内作出决定',
  '五、办理地点及联系方式：市民之家二楼12号窗口，0377-62306039',
].join('\n');

describe('the one-time notice must fill every heading of its template', () => {
  it('refuses both templates untouched, naming every heading', () => {
    for (const lang of ['zh', 'en'] as const) {
      const problems = checkOneTimeNotice(oneTimeNoticeTemplate(lang));
      expect(problems).toEqual(ONE_TIME_NOTICE_SECTIONS.map((section) => ({ section, problem: 'empty' })));
    }
  });

  it('accepts a notice with real content under each heading, in Chinese or in English', () => {
    expect(checkOneTimeNotice(FILLED_ZH)).toEqual([]);
    const en = [
      '1. Legal basis: Food licensing measures, art. 10',
      '2. Procedure:',
      '  1) apply online',
      '3. Materials required: business licence copy',
      '4. Time limit: 10 working days',
      '5. Where to go and contact: City service centre, window 12',
    ].join('\n');
    expect(checkOneTimeNotice(en)).toEqual([]);
  });

  it('names a heading left as the template left it, or removed', () => {
    const blankMaterials = FILLED_ZH.replace('1. 营业执照复印件\n2. 食品安全管理制度', '1. \n2. ');
    expect(checkOneTimeNotice(blankMaterials)).toEqual([{ section: 'materials', problem: 'empty' }]);
    const noTimeLimit = FILLED_ZH.replace('四、办理时限：受理后10个工作日内作出决定\n', '');
    expect(checkOneTimeNotice(noTimeLimit)).toEqual([{ section: 'timeLimit', problem: 'missing' }]);
    // Punctuation or a lone character is a blank left in, not content.
    expect(
      checkOneTimeNotice(FILLED_ZH.replace('第十条', '').replace('《食品经营许可和备案管理办法》', '……')),
    ).toEqual([{ section: 'basis', problem: 'empty' }]);
  });

  it('refuses free text that names no heading', () => {
    expect(checkOneTimeNotice('请携带营业执照办理').map((p) => p.problem)).toEqual(
      ONE_TIME_NOTICE_SECTIONS.map(() => 'missing'),
    );
  });

  it('says which headings in the reader’s language, through the action schema', () => {
    expect(oneTimeNoticeMessage([], 'zh')).toBeNull();
    const parsed = caseActionSchema.safeParse({
      type: 'giveOneTimeNotice',
      notice: oneTimeNoticeTemplate('zh'),
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.path).toEqual(['notice']);
    const params = { params: (issue as { params?: unknown } | undefined)?.params };
    expect(describeValidationIssue('custom', params, 'zh')).toBe(
      '请在以下标题下填写具体内容（不能保留模板空白）：办理依据、办理程序、所需材料、办理时限、办理地点及联系方式',
    );
    expect(describeValidationIssue('custom', params, 'en')).toContain('Legal basis, Procedure');
    expect(caseActionSchema.safeParse({ type: 'giveOneTimeNotice', notice: FILLED_ZH }).success).toBe(true);
  });
});

describe('a reply’s time', () => {
  const receivedAt = '2026-11-20T09:30:00+08:00';
  const now = '2026-11-25T02:00:00.000Z'; // 10:00 on 25 November in China

  it('refuses a call in the future or before the request came in', () => {
    expect(replyTimeProblem({ at: { time: '2026-11-25T10:00:00+08:00' }, receivedAt, now })).toBeNull();
    expect(replyTimeProblem({ at: { time: '2026-11-25T10:04:00+08:00' }, receivedAt, now })).toBeNull();
    expect(replyTimeProblem({ at: { time: '2026-11-25T11:00:00+08:00' }, receivedAt, now })).toBe('inFuture');
    expect(replyTimeProblem({ at: { time: '2026-11-20T09:29:00+08:00' }, receivedAt, now })).toBe(
      'beforeReceipt',
    );
  });

  it('takes a letter’s day sent as a China day: today and the day of receipt stand', () => {
    expect(replyTimeProblem({ at: { date: '2026-11-25' }, receivedAt, now })).toBeNull();
    expect(replyTimeProblem({ at: { date: '2026-11-20' }, receivedAt, now })).toBeNull();
    expect(replyTimeProblem({ at: { date: '2026-11-26' }, receivedAt, now })).toBe('inFuture');
    expect(replyTimeProblem({ at: { date: '2026-11-19' }, receivedAt, now })).toBe('beforeReceipt');
    // 23:30 UTC on the 24th is already the 25th in China.
    expect(
      replyTimeProblem({ at: { date: '2026-11-25' }, receivedAt, now: '2026-11-24T16:30:00Z' }),
    ).toBeNull();
    expect(replyTimeProblem({ at: { date: '2026-11-25' }, receivedAt, now: '2026-11-24T15:59:00Z' })).toBe(
      'inFuture',
    );
  });
});

describe('how late an answer was, in working days', () => {
  // 2026: National Day 10-01..10-08 off, 10-10 (Sat) worked.
  const calendar: WorkCalendar = buildWorkCalendar(
    new Map([
      [
        2026,
        {
          holidays: Array.from({ length: 8 }, (_, i) => ({ date: `2026-10-0${i + 1}`, name: '国庆节' })),
          workdays: [{ date: '2026-10-10', name: '国庆节后补班' }],
        },
      ],
    ]),
  );

  it('counts the working days after the due date up to the reply', () => {
    expect(replyLateWorkdays({ due: '2026-11-20', repliedOn: '2026-11-20', calendar })).toBe(0);
    expect(replyLateWorkdays({ due: '2026-11-20', repliedOn: '2026-11-19', calendar })).toBe(0);
    // Friday due, answered Monday: one working day late; Tuesday: two.
    expect(replyLateWorkdays({ due: '2026-11-20', repliedOn: '2026-11-23', calendar })).toBe(1);
    expect(replyLateWorkdays({ due: '2026-11-20', repliedOn: '2026-11-24', calendar })).toBe(2);
    // Across National Day: 09-30 due, 10-09 answered is one working day; 10-10 (a worked Saturday) two.
    expect(replyLateWorkdays({ due: '2026-09-30', repliedOn: '2026-10-09', calendar })).toBe(1);
    expect(replyLateWorkdays({ due: '2026-09-30', repliedOn: '2026-10-10', calendar })).toBe(2);
    // Answered on the weekend after a Friday due date: still late.
    expect(replyLateWorkdays({ due: '2026-11-20', repliedOn: '2026-11-21', calendar })).toBe(1);
  });

  it('is null when nothing was due or no answer was given', () => {
    expect(replyLateWorkdays({ due: null, repliedOn: '2026-11-23', calendar })).toBeNull();
    expect(replyLateWorkdays({ due: '2026-11-20', repliedOn: null, calendar })).toBeNull();
  });
});

describe('the reply letter’s 文号', () => {
  it('is the year in 〔〕 and the number', () => {
    expect(formatLetterNumber(2026, 12)).toBe('〔2026〕12号');
    expect(formatLetterNumber(2027, 1)).toBe('〔2027〕1号');
  });
});
