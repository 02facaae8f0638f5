// Every notification kind renders in both languages with its parameters: the English text holds no
// Chinese but the user-entered data it names, the Chinese text is Chinese, and every parameter shows.
import { describe, expect, it } from 'vitest';
import {
  NOTIFICATION_KINDS,
  NOTIFICATION_MESSAGES,
  renderNotification,
  renderOutboxMessage,
  type NotificationMessage,
  type NotificationParamsByKind,
} from '../src/index.ts';

const HAN = /\p{Script=Han}/u;
/** User-entered data in the samples: matter titles, people's and departments' names, in Chinese as the bureau
 * types them. */
const USER_TEXT = ['食品作坊许可', '张三', '李四', '登记注册科'];
const ref = { caseNumber: '2026-000123', matterTitle: '食品作坊许可' };
const deputy = { deputyName: '张三', holderName: '李四', fromDate: '2026-12-01', toDate: '2026-12-10' };

// Each kind's sample parameters, the variants its texts branch on included; a kind without samples does not
// compile.
const SAMPLES: { [K in keyof NotificationParamsByKind]: NotificationParamsByKind[K][] } = {
  caseArrived: [2, 3, 4].map((level) => ({ ...ref, level: level as 2 | 3 | 4 })),
  decisionMade: [
    { ...ref, level: 2, decision: 'resolvable' },
    { ...ref, level: 3, decision: 'escalate' },
    { ...ref, level: 4, decision: 'refuse' },
    { ...ref, level: null, decision: 'escalate' },
  ],
  caseRefused: [{ ...ref, replyDeadline: '2026-12-04' }],
  replyDueSoon: [{ ...ref, replyDeadline: '2026-12-04' }],
  replyOverdue: [{ ...ref, replyDeadline: '2026-12-04' }],
  levelDueSoon: [{ ...ref, level: 3, due: '2026-12-07' }],
  levelOverdue: [{ ...ref, level: 4, due: '2026-12-07' }],
  matterDueSoon: [{ ...ref, dueDate: '2026-12-21' }],
  matterOverdue: [{ ...ref, dueDate: '2026-12-21' }],
  caseHandedOver: [ref],
  deputyAppointed: [
    { ...deputy, to: 'deputy' },
    { ...deputy, to: 'holder' },
  ],
  deputyEnded: [
    { ...deputy, to: 'deputy', lastDay: null },
    { ...deputy, to: 'holder', lastDay: '2026-12-05' },
  ],
  calendarMissing: [{ year: 2027 }],
  applicantFlagged: [
    { caseNumber: ref.caseNumber, reason: 'rating' },
    { caseNumber: ref.caseNumber, reason: 'feedback' },
  ],
  reopenRequested: [ref],
  coDepartmentNamed: [ref],
  consultationRequested: [ref],
  consultationInvited: [ref],
  levelVacant: [2, 3, 4].map((level) => ({ ...ref, level: level as 2 | 3 | 4 })),
  reportReceived: [{ reportNumber: 'DB-2026-0001', source: 'site' }],
  supervisionOrdered: [{ reportNumber: 'DB-2026-0001', departmentName: '登记注册科', due: '2026-12-08' }],
  orderAnswered: [{ reportNumber: 'DB-2026-0001', departmentName: '登记注册科' }],
  orderSentBack: [{ reportNumber: 'DB-2026-0001', departmentName: '登记注册科' }],
  orderDueSoon: [{ reportNumber: 'DB-2026-0001', departmentName: '登记注册科', due: '2026-12-08' }],
  orderOverdue: [{ reportNumber: 'DB-2026-0001', departmentName: '登记注册科', due: '2026-12-08' }],
  referralReceived: [{ reportNumber: 'DB-2026-0001' }],
};

const messagesOf = (kind: keyof NotificationParamsByKind): NotificationMessage[] =>
  (SAMPLES[kind] as NotificationMessage['params'][]).map(
    (params) => ({ kind, params }) as NotificationMessage,
  );

const withoutUserText = (text: string) => USER_TEXT.reduce((t, u) => t.replaceAll(u, ''), text);
/** The parameters the text must show: the vocabularies (level, decision, to) are words, a deputy notice
 * names the other person only (a report's source is a vocabulary too), and an early end gives its last day instead of the planned dates. */
function shown(message: NotificationMessage): string[] {
  const hidden = new Set(['level', 'decision', 'to', 'deputyName', 'holderName', 'reason', 'source']);
  if (message.kind === 'deputyEnded' && message.params.lastDay !== null) {
    hidden.add('fromDate').add('toDate');
  }
  return Object.entries(message.params)
    .filter(([key, v]) => v !== null && !hidden.has(key))
    .map(([, v]) => String(v));
}

describe('notification messages', () => {
  it('has texts for every kind, and samples here for every kind', () => {
    expect(Object.keys(NOTIFICATION_MESSAGES).sort()).toEqual([...NOTIFICATION_KINDS].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it.each(NOTIFICATION_KINDS)('renders %s in English without Chinese outside user-entered data', (kind) => {
    for (const message of messagesOf(kind)) {
      const { title, body } = renderNotification('en', message);
      expect(title.length).toBeGreaterThan(5);
      expect(body.length).toBeGreaterThan(10);
      expect(withoutUserText(title + body), `${kind}: ${title} / ${body}`).not.toMatch(HAN);
      const text = title + body;
      for (const value of shown(message)) expect(text, `${kind} shows ${value}`).toContain(value);
    }
  });

  it.each(NOTIFICATION_KINDS)('renders %s in Chinese with its parameters', (kind) => {
    for (const message of messagesOf(kind)) {
      const { title, body } = renderNotification('zh', message);
      expect(withoutUserText(title + body)).toMatch(HAN);
      const text = title + body;
      for (const value of shown(message)) expect(text, `${kind} shows ${value}`).toContain(value);
    }
  });

  it('names the level, the decision and the person in words of each language', () => {
    const decided: NotificationMessage = {
      kind: 'decisionMade',
      params: { ...ref, level: 3, decision: 'resolvable' },
    };
    expect(renderNotification('en', decided).body).toBe(
      'The leader in charge decided on 2026-000123 “食品作坊许可”: resolvable.',
    );
    expect(renderNotification('zh', decided).body).toBe(
      '分管领导对 2026-000123「食品作坊许可」 的意见：能办。',
    );
    const toHolder: NotificationMessage = { kind: 'deputyAppointed', params: { ...deputy, to: 'holder' } };
    expect(renderNotification('en', toHolder).title).toBe('张三 will act for you');
    expect(renderNotification('zh', toHolder).title).toBe('张三将代理您的职务');
  });

  it('wraps the outbox message in the recipient’s language', () => {
    const message: NotificationMessage = { kind: 'caseHandedOver', params: ref };
    expect(renderOutboxMessage('en', message)).toEqual({
      subject: '[Bancheng] Handed over to you: 2026-000123',
      text: '“食品作坊许可” has been handed over to you; you are now its first responder, please handle it in time.'
        .replace(/^/, '2026-000123 ')
        .concat('\n\nSign in to Bancheng to see it.'),
    });
    expect(renderOutboxMessage('zh', message).subject).toBe('【办成】转交给您办理：2026-000123');
    expect(renderOutboxMessage('zh', message).text).toMatch(/请登录办成系统查看。$/);
  });
});
