// The case clocks: level due dates, met/late, the light, the reply's due date, the reminder plan.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_CLOCK_SETTINGS,
  addCalendarDays,
  addWorkingDays,
  buildWorkCalendar,
  isWorkingDay,
  levelClockKey,
  levelClocks,
  lightOf,
  reminderOn,
  replyClock,
  replyDueOf,
  startedBeforeForDueBefore,
  workdaysSinceReceipt,
  workingDayBefore,
  type ClockedCase,
  type WorkCalendar,
} from '../src/index.ts';

// 2026: National Day and Mid-Autumn 10-01..10-08 off, 09-27 (Sun) and 10-10 (Sat) worked.
const calendar: WorkCalendar = buildWorkCalendar(
  new Map([
    [
      2026,
      {
        holidays: Array.from({ length: 8 }, (_, i) => ({ date: `2026-10-0${i + 1}`, name: '国庆节' })),
        workdays: [
          { date: '2026-09-27', name: '国庆节' },
          { date: '2026-10-10', name: '国庆节' },
        ],
      },
    ],
  ]),
);

const atDeptHead = (proposedOn: string): ClockedCase => ({
  state: 'atDeptHead',
  receivedOn: proposedOn,
  proposedOn,
  decisions: [],
  refusedOn: null,
  repliedOn: null,
});

describe('level clocks', () => {
  it('gives the department head one working day from the day the form reached them', () => {
    // Friday 2026-11-06 → due Monday 11-09.
    const [clock, ...rest] = levelClocks({
      c: atDeptHead('2026-11-06'),
      settings: DEFAULT_CLOCK_SETTINGS,
      today: '2026-11-06',
      calendar,
    });
    expect(rest).toEqual([]);
    expect(clock).toMatchObject({ level: 2, enteredOn: '2026-11-06', due: '2026-11-09', status: 'pending' });
    expect(clock?.light).toBe('yellow'); // Friday is the working day before Monday
  });

  it('turns green → yellow → red and says met or late once decided', () => {
    const c = atDeptHead('2026-11-02'); // Monday; due Tuesday 11-03 with one day, Thursday with three
    const settings = { ...DEFAULT_CLOCK_SETTINGS, levelWorkdays: { 2: 3, 3: 1, 4: 1 } };
    const light = (today: string) => levelClocks({ c, settings, today, calendar })[0]?.light;
    expect(light('2026-11-02')).toBe('green');
    expect(light('2026-11-04')).toBe('yellow');
    expect(light('2026-11-05')).toBe('yellow');
    expect(light('2026-11-06')).toBe('red');
    const decided = (decidedOn: string) =>
      levelClocks({
        c: { ...c, state: 'atLeaderInCharge', decisions: [{ level: 2, decidedOn }] },
        settings,
        today: '2026-11-20',
        calendar,
      });
    expect(decided('2026-11-05')[0]).toMatchObject({ status: 'met', light: null });
    expect(decided('2026-11-06')[0]).toMatchObject({ status: 'late', light: null });
    // Level 3 entered the day level 2 decided, and waits now.
    expect(decided('2026-11-06')[1]).toMatchObject({
      level: 3,
      enteredOn: '2026-11-06',
      due: '2026-11-09',
      status: 'pending',
      light: 'red',
    });
  });

  it('counts over the National Day holiday and its worked Saturday', () => {
    const [clock] = levelClocks({
      c: atDeptHead('2026-09-30'),
      settings: DEFAULT_CLOCK_SETTINGS,
      today: '2026-09-30',
      calendar,
    });
    expect(clock?.due).toBe('2026-10-09');
    expect(workingDayBefore('2026-10-09', calendar)).toBe('2026-09-30');
    expect(lightOf({ due: '2026-10-09', today: '2026-10-05', calendar })).toBe('yellow');
  });

  it('has no clock before a refusal is proposed', () => {
    const c = { ...atDeptHead('2026-11-02'), state: 'open' as const, proposedOn: null };
    expect(levelClocks({ c, settings: DEFAULT_CLOCK_SETTINGS, today: '2026-11-02', calendar })).toEqual([]);
  });
});

describe('the reply', () => {
  it('is due three working days after receipt by default, or after the final refusal by setting', () => {
    const c = { receivedOn: '2026-11-02', refusedOn: '2026-11-05', repliedOn: null };
    expect(replyClock({ c, settings: DEFAULT_CLOCK_SETTINGS, today: '2026-11-05', calendar })?.due).toBe(
      '2026-11-05',
    );
    const fromRefusal = { ...DEFAULT_CLOCK_SETTINGS, replyCounting: 'finalRefusal' as const };
    expect(replyClock({ c, settings: fromRefusal, today: '2026-11-05', calendar })?.due).toBe('2026-11-10');
    expect(
      replyClock({ c: { ...c, refusedOn: null }, settings: fromRefusal, today: '2026-11-05', calendar }),
    ).toBe(null);
    expect(replyDueOf({ ...c, settings: DEFAULT_CLOCK_SETTINGS, calendar }).due).toBe('2026-11-05');
    expect(workdaysSinceReceipt({ receivedOn: '2026-11-02', until: '2026-11-09', calendar })).toBe(5);
    expect(workdaysSinceReceipt({ receivedOn: '2026-11-02', until: '2026-11-02', calendar })).toBe(0);
  });
});

describe('reminders', () => {
  const prefix = levelClockKey('c1', 2, 1);
  it('reminds the holder the working day before and on the due day, everyone after it on working days', () => {
    const due = '2026-11-09'; // Monday
    const on = (today: string) => reminderOn({ keyPrefix: prefix, due, today, calendar });
    expect(on('2026-11-05')).toBe(null);
    expect(on('2026-11-06')).toEqual({
      kind: 'dueSoon',
      recipients: ['holder'],
      key: 'case:c1:level:2:round:1:dueSoon:2026-11-06',
    });
    expect(on('2026-11-07')).toBe(null); // Saturday
    expect(on('2026-11-09')?.kind).toBe('dueToday');
    expect(on('2026-11-10')).toEqual({
      kind: 'overdue',
      recipients: ['holder', 'nextLevel', 'supervisionOffice'],
      key: 'case:c1:level:2:round:1:overdue:2026-11-10',
    });
    expect(on('2026-11-14')).toBe(null); // Saturday: no reminder on a day off
  });
});

const dayArb = fc.integer({ min: 0, max: 700 }).map((n) => addCalendarDays('2025-06-01', n));
const workdaysArb = fc.integer({ min: 0, max: 6 });

describe('properties', () => {
  it('a clock is due before D exactly when it started before startedBeforeForDueBefore(D)', () => {
    fc.assert(
      fc.property(dayArb, dayArb, workdaysArb, (start, dueBefore, workdays) => {
        const due = addWorkingDays({ from: start, workdays, calendar }).due;
        const threshold = startedBeforeForDueBefore({ dueBefore, workdays, calendar });
        expect(due < dueBefore).toBe(start < threshold);
      }),
    );
  });

  it('the light only worsens as days pass, and is red exactly after the due day', () => {
    fc.assert(
      fc.property(dayArb, dayArb, dayArb, (due, a, b) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const rank = { green: 0, yellow: 1, red: 2 };
        expect(rank[lightOf({ due, today: t1, calendar })]).toBeLessThanOrEqual(
          rank[lightOf({ due, today: t2, calendar })],
        );
        expect(lightOf({ due, today: t1, calendar }) === 'red').toBe(t1 > due);
      }),
    );
  });

  it('an overdue clock reminds once on each working day, every key distinct, none on days off', () => {
    fc.assert(
      fc.property(dayArb, workdaysArb, fc.integer({ min: 1, max: 40 }), (start, workdays, span) => {
        const due = addWorkingDays({ from: start, workdays, calendar }).due;
        const keys = new Set<string>();
        let overdue = 0;
        for (let i = 1; i <= span; i++) {
          const today = addCalendarDays(due, i);
          const r = reminderOn({ keyPrefix: 'k', due, today, calendar });
          expect(r !== null).toBe(isWorkingDay(today, calendar));
          if (r) {
            expect(r.kind).toBe('overdue');
            expect(keys.has(r.key)).toBe(false);
            keys.add(r.key);
            overdue++;
          }
        }
        expect(overdue).toBe(
          Array.from({ length: span }, (_, i) => addCalendarDays(due, i + 1)).filter((d) =>
            isWorkingDay(d, calendar),
          ).length,
        );
      }),
    );
  });

  it('met means decided on or before the due date, whatever the limits', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 20 }), workdaysArb, (proposedOn, after, workdays) => {
        const decidedOn = addCalendarDays(proposedOn, after);
        const settings = { ...DEFAULT_CLOCK_SETTINGS, levelWorkdays: { 2: workdays, 3: 1, 4: 1 } };
        const [clock] = levelClocks({
          c: { ...atDeptHead(proposedOn), state: 'atLeaderInCharge', decisions: [{ level: 2, decidedOn }] },
          settings,
          today: decidedOn,
          calendar,
        });
        expect(clock?.status).toBe(decidedOn <= (clock?.due ?? '') ? 'met' : 'late');
      }),
    );
  });
});
