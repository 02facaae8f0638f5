import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ANSWERED_STATES,
  CASE_STATES,
  SATISFACTION_RATINGS,
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_LENGTH,
  abilitiesOf,
  answeredOnAfter,
  buildWorkCalendar,
  formatTrackingCode,
  isFlaggedRating,
  newCase,
  normalizeTrackingCode,
  publicAbilitiesOf,
  publicStageOf,
  reopenDeadlineOf,
  reopenedByApplicant,
  showsReply,
  staffTrackingAbilitiesOf,
  trackingCodeFromBytes,
  type CaseState,
} from '../src/index.ts';

// 2026's National Day holiday (国办发明电〔2025〕7号): 1–7 October off, Sunday 20 September and Saturday
// 10 October worked.
const calendar = buildWorkCalendar(
  new Map([
    [
      2026,
      {
        holidays: ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
          date: `2026-10-${d}`,
          name: '国庆节',
        })),
        workdays: [
          { date: '2026-09-20', name: '国庆节' },
          { date: '2026-10-10', name: '国庆节' },
        ],
      },
    ],
  ]),
);

describe('tracking codes', () => {
  it('are 16 characters of Crockford base 32: 80 bits', () => {
    expect(TRACKING_CODE_ALPHABET).toHaveLength(32);
    expect(Math.log2(TRACKING_CODE_ALPHABET.length) * TRACKING_CODE_LENGTH).toBeGreaterThanOrEqual(60);
    const code = trackingCodeFromBytes(new Uint8Array(16).map((_, i) => i * 17));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(() => trackingCodeFromBytes(new Uint8Array(15))).toThrow(RangeError);
  });

  it('read back as typed: groups, lower case, and the letters people confuse', () => {
    const code = 'AB1C-D0EF-GH23-4567';
    expect(formatTrackingCode('AB1CD0EFGH234567')).toBe(code);
    expect(normalizeTrackingCode(code)).toBe('AB1CD0EFGH234567');
    expect(normalizeTrackingCode(' ab1c d0ef gh23 4567 ')).toBe('AB1CD0EFGH234567');
    expect(normalizeTrackingCode('ABlC-DOEF-GH23-4567')).toBe('AB1CD0EFGH234567');
    expect(normalizeTrackingCode('ABIC-DOEF-GH23-4567')).toBe('AB1CD0EFGH234567');
    expect(normalizeTrackingCode('AB1C-D0EF-GH23-456')).toBeNull();
    expect(normalizeTrackingCode('AB1C-D0EF-GH23-456U')).toBeNull();
    expect(normalizeTrackingCode('')).toBeNull();
  });

  it('every generated code survives formatting and normalizing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const code = trackingCodeFromBytes(bytes);
        expect(normalizeTrackingCode(formatTrackingCode(code))).toBe(code);
        expect(normalizeTrackingCode(formatTrackingCode(code).toLowerCase())).toBe(code);
      }),
    );
  });
});

describe('ratings', () => {
  it('flags 不满意 and 非常不满意 only', () => {
    expect(SATISFACTION_RATINGS.filter(isFlaggedRating)).toEqual(['dissatisfied', 'veryDissatisfied']);
  });
});

describe('the public view of a state', () => {
  it('says where the case is in plain stages, with the level under review', () => {
    expect(publicStageOf('open')).toEqual({ stage: 'beingHandled', level: null });
    expect(publicStageOf('atLeaderInCharge')).toEqual({ stage: 'underReview', level: 3 });
    expect(publicStageOf('refused')).toEqual({ stage: 'answering', level: null });
    expect(publicStageOf('replied')).toEqual({ stage: 'answered', level: null });
  });

  it('shows the refusal only once it was answered', () => {
    expect(showsReply('refused', null)).toBe(false);
    expect(showsReply('replied', null)).toBe(true);
    expect(showsReply('closed', 'refused')).toBe(true);
    expect(showsReply('closed', 'done')).toBe(false);
  });
});

describe('who may rate and reopen when', () => {
  const today = '2026-09-25';

  it('nothing but reading before an answer, in every unanswered state', () => {
    for (const state of CASE_STATES.filter((s) => !ANSWERED_STATES.includes(s))) {
      const may = publicAbilitiesOf({ state, answeredOn: null, rated: false }, { today, calendar });
      expect(may).toEqual({
        read: true,
        rate: false,
        reopen: false,
        reopenUntil: null,
        reopenExpired: false,
      });
    }
  });

  it('rating once per answer, for 能办 outcomes as much as refusals', () => {
    for (const state of ANSWERED_STATES) {
      const facts = { state, answeredOn: '2026-09-24', rated: false };
      expect(publicAbilitiesOf(facts, { today, calendar }).rate).toBe(true);
      expect(publicAbilitiesOf({ ...facts, rated: true }, { today, calendar }).rate).toBe(false);
    }
  });

  it('the window is 10 working days after the answer, across the National Day holiday', () => {
    // Answered Friday 25 September: 28, 29, 30 Sep, then 8, 9 (Fri), 10 (Sat, worked), 12, 13, 14, 15 Oct.
    expect(reopenDeadlineOf('2026-09-25', calendar)).toBe('2026-10-15');
    const facts = { state: 'closed' as CaseState, answeredOn: '2026-09-25', rated: false };
    const onLastDay = publicAbilitiesOf(facts, { today: '2026-10-15', calendar });
    expect(onLastDay).toMatchObject({ reopen: true, reopenUntil: '2026-10-15', reopenExpired: false });
    const dayAfter = publicAbilitiesOf(facts, { today: '2026-10-16', calendar });
    expect(dayAfter).toMatchObject({ reopen: false, reopenExpired: true });
    // Rating is not held to the window.
    expect(dayAfter.rate).toBe(true);
  });

  it('staff: only the first responder issues a new code or records a rating by phone', () => {
    const facts = { state: 'replied' as CaseState, answeredOn: '2026-09-24', rated: false };
    expect(staffTrackingAbilitiesOf({ isFirstResponder: true, facts })).toEqual({
      reissue: true,
      rate: true,
    });
    expect(staffTrackingAbilitiesOf({ isFirstResponder: false, facts })).toEqual({
      reissue: false,
      rate: false,
    });
    expect(
      staffTrackingAbilitiesOf({
        isFirstResponder: true,
        facts: { ...facts, state: 'open', answeredOn: null },
      }),
    ).toEqual({ reissue: true, rate: false });
  });

  it('the supervision office alone reads the flags', () => {
    const base = { positions: [] };
    expect(abilitiesOf({ ...base, roles: ['supervisionOffice'] })['supervision.flags']).toBe(true);
    expect(abilitiesOf({ ...base, roles: ['admin'] })['supervision.flags']).toBe(false);
    expect(abilitiesOf({ ...base, roles: ['disciplineInspection'] })['supervision.flags']).toBe(false);
  });
});

describe('the answer date', () => {
  it('is set on entering an answered state, kept on closing, cleared on going back to work', () => {
    const today = '2026-09-25';
    expect(answeredOnAfter({ before: 'refused', after: 'replied', answeredOn: null, today })).toBe(today);
    expect(answeredOnAfter({ before: 'atDeptHead', after: 'resolving', answeredOn: null, today })).toBe(
      today,
    );
    expect(answeredOnAfter({ before: 'replied', after: 'closed', answeredOn: '2026-09-20', today })).toBe(
      '2026-09-20',
    );
    expect(
      answeredOnAfter({ before: 'closed', after: 'atLeaderInCharge', answeredOn: '2026-09-20', today }),
    ).toBe(null);
    expect(answeredOnAfter({ before: 'open', after: 'closed', answeredOn: null, today })).toBe(today);
  });

  it('a reopen sends the case back to its first responder with no proposal and no duty', () => {
    const c = { ...newCase({ firstResponderId: 'fr', crossDepartment: false }), state: 'closed' as const };
    const reopened = reopenedByApplicant({
      ...c,
      outcome: 'refused' as const,
      proposerId: 'fr',
      followUp: { personId: 'dh', level: 2 as const },
    });
    expect(reopened).toMatchObject({
      state: 'open',
      outcome: null,
      proposerId: null,
      decisions: [],
      followUp: null,
      firstResponderId: 'fr',
    });
  });
});
