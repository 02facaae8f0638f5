import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  appointmentProblems,
  canManageDeputiesOf,
  canSeeDeputy,
  deputyStatusOn,
  endingOf,
  MAX_DEPUTY_DAYS,
} from '../src/index.ts';

const today = '2026-12-02';
const body = (over: Partial<{ fromDate: string; toDate: string; deputyId: string }> = {}) => ({
  deputyId: 'deputy',
  forPersonId: 'holder',
  fromDate: today,
  toDate: addCalendarDays(today, 4),
  ...over,
});
const ok = { today, deputyActive: true, holderHoldsPosition: true, existing: [] };

describe('acting deputy appointments', () => {
  it('accepts a holder’s deputy from today, up to a year', () => {
    expect(appointmentProblems({ ...ok, body: body() })).toEqual([]);
    const longest = body({ toDate: addCalendarDays(today, MAX_DEPUTY_DAYS - 1) });
    expect(appointmentProblems({ ...ok, body: longest })).toEqual([]);
  });

  it('names the field of each problem', () => {
    const fields = (args: Parameters<typeof appointmentProblems>[0]) =>
      appointmentProblems(args).map((p) => `${p.field}:${p.message}`);
    expect(fields({ ...ok, body: { ...body(), deputyId: 'holder' } })).toEqual(['deputyId:deputyIsHolder']);
    expect(fields({ ...ok, deputyActive: false, body: body() })).toEqual(['deputyId:disabledPerson']);
    expect(fields({ ...ok, holderHoldsPosition: false, body: body() })).toEqual([
      'forPersonId:holdsNoPosition',
    ]);
    expect(fields({ ...ok, body: body({ fromDate: addCalendarDays(today, -1) }) })).toEqual([
      'fromDate:inThePast',
    ]);
    expect(fields({ ...ok, body: body({ toDate: addCalendarDays(today, MAX_DEPUTY_DAYS) }) })).toEqual([
      'toDate:deputyTooLong',
    ]);
  });

  it('allows one deputy at a time: any shared day overlaps, touching ranges do not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 10 }),
        (a, aLength, b, bLength) => {
          const existing = [
            { fromDate: addCalendarDays(today, a), toDate: addCalendarDays(today, a + aLength) },
          ];
          const candidate = body({
            fromDate: addCalendarDays(today, b),
            toDate: addCalendarDays(today, b + bLength),
          });
          const shareADay = a <= b + bLength && b <= a + aLength;
          const problems = appointmentProblems({ ...ok, existing, body: candidate });
          expect(problems.some((p) => p.message === 'deputyOverlaps')).toBe(shareADay);
        },
      ),
    );
  });

  it('ends one under way yesterday, withdraws one not begun, and knows one that is over', () => {
    const a = { fromDate: addCalendarDays(today, -3), toDate: addCalendarDays(today, 3) };
    expect(endingOf(a, today)).toEqual({ kind: 'endOn', toDate: addCalendarDays(today, -1) });
    expect(endingOf({ fromDate: today, toDate: today }, today)).toEqual({ kind: 'withdraw' });
    expect(
      endingOf({ fromDate: addCalendarDays(today, 2), toDate: addCalendarDays(today, 3) }, today),
    ).toEqual({
      kind: 'withdraw',
    });
    expect(endingOf({ fromDate: '2026-01-01', toDate: addCalendarDays(today, -1) }, today)).toEqual({
      kind: 'alreadyOver',
    });
    expect(deputyStatusOn(a, today)).toBe('current');
    expect(deputyStatusOn({ ...a, fromDate: addCalendarDays(today, 1) }, today)).toBe('upcoming');
    expect(deputyStatusOn({ ...a, toDate: addCalendarDays(today, -1) }, today)).toBe('past');
  });

  it('lets administrators and the holder manage an appointment; the deputy only sees it', () => {
    const appointment = { deputyId: 'd', forPersonId: 'h' };
    const person = (personId: string, roles: string[] = []) => ({ personId, roles: roles as never[] });
    expect(canManageDeputiesOf(person('h'), 'h')).toBe(true);
    expect(canManageDeputiesOf(person('x', ['admin']), 'h')).toBe(true);
    expect(canManageDeputiesOf(person('d'), 'h')).toBe(false);
    expect(canSeeDeputy(person('d'), appointment)).toBe(true);
    expect(canSeeDeputy(person('x', ['supervisionOffice']), appointment)).toBe(false);
  });
});
