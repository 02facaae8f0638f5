// A case's clocks from its rows: the list row's light and current level's due date, the case page's
// level clocks and reply clock (core cases/clocks.ts does the arithmetic; docs/decisions/0015).
import {
  LEVEL_OF_STATE,
  addWorkingDays,
  levelClocks,
  lightOf,
  replyClock,
  workdaysSinceReceipt,
  type CaseClocks,
  type ClockSettings,
  type Light,
  type WorkCalendar,
} from '@bancheng/core';
import type { CaseDecisionRow, CaseRow } from '../../platform/db/schema.ts';
import { todayInChina } from '../../platform/ids.ts';
import { OPEN_CASE_STATES } from './case-list-repository.ts';

/** What every clock of a request is read against: the calendar, the bureau's settings, today in China. */
export interface ClockContext {
  calendar: WorkCalendar;
  settings: ClockSettings;
  today: string;
}

const chinaDate = (iso: string | null) => (iso === null ? null : todayInChina(new Date(iso)));

/** The current level's due date, from the day the form reached it. */
export function levelDueOf(r: CaseRow, cc: ClockContext): string | null {
  const level = LEVEL_OF_STATE[r.state];
  if (!level || r.level_entered_on === null) return null;
  return addWorkingDays({
    from: r.level_entered_on,
    workdays: cc.settings.levelWorkdays[level],
    calendar: cc.calendar,
  }).due;
}

/** The light of the clock that runs now: the level's on the form, else the reply's or the matter's. */
export function summaryClockOf(
  r: CaseRow,
  cc: ClockContext,
): { levelDue: string | null; light: Light | null } {
  const levelDue = levelDueOf(r, cc);
  const running =
    levelDue ??
    (r.state === 'refused' ? r.reply_deadline : OPEN_CASE_STATES.includes(r.state) ? r.due_date : null);
  return {
    levelDue,
    light: running === null ? null : lightOf({ due: running, today: cc.today, calendar: cc.calendar }),
  };
}

/** The case page's clocks. `decisions`: the current round's; `repliedOn`: the first reply's day. */
export function caseClocksOf(
  r: CaseRow,
  args: { decisions: readonly CaseDecisionRow[]; repliedOn: string | null; cc: ClockContext },
): CaseClocks {
  const { cc } = args;
  const receivedOn = todayInChina(new Date(r.received_at));
  const c = {
    state: r.state,
    receivedOn,
    proposedOn: chinaDate(r.proposed_at),
    decisions: args.decisions.map((d) => ({
      level: d.level,
      decidedOn: todayInChina(new Date(d.decided_at)),
    })),
    refusedOn: chinaDate(r.refused_at),
    repliedOn: args.repliedOn,
  };
  // A case handled, or answered with a one-time notice, owes no reply; a confirmed refusal's due date is
  // the one stored when it was confirmed (what its reminders count to).
  const owesReply = r.outcome === null || r.outcome === 'refused';
  const computed = owesReply
    ? replyClock({ c, settings: cc.settings, today: cc.today, calendar: cc.calendar })
    : null;
  const reply =
    r.reply_deadline !== null
      ? {
          due: r.reply_deadline,
          provisional: r.reply_deadline_provisional === 1,
          status:
            args.repliedOn === null
              ? ('pending' as const)
              : args.repliedOn <= r.reply_deadline
                ? ('met' as const)
                : ('late' as const),
          light:
            args.repliedOn === null
              ? lightOf({ due: r.reply_deadline, today: cc.today, calendar: cc.calendar })
              : null,
        }
      : computed;
  return {
    levels: levelClocks({ c, settings: cc.settings, today: cc.today, calendar: cc.calendar }),
    reply,
    replyCounting: cc.settings.replyCounting,
    replyWorkdays: cc.settings.replyWorkdays,
    workdaysSinceReceipt: workdaysSinceReceipt({
      receivedOn,
      until: args.repliedOn ?? cc.today,
      calendar: cc.calendar,
    }),
  };
}
