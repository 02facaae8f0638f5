// The clocks of a case (规定时限): each approval level's due date and whether it was met, the reply's due
// date, the traffic light lists show (督办 style), and which reminders fall due on a given China date.
// Pure: dates are China dates ('YYYY-MM-DD'); the caller says what today is (docs/decisions/0015).
import {
  addCalendarDays,
  addWorkingDays,
  countWorkingDays,
  isWorkingDay,
  type WorkCalendar,
} from '../calendar/rules.ts';
import { LEVEL_OF_STATE, type CaseState, type DecisionLevel } from './states.ts';

export const REPLY_COUNTINGS = ['receipt', 'finalRefusal'] as const;
/** Where the reply's working days are counted from: the day of receipt (the plan's reading) or the final refusal. */
export type ReplyCounting = (typeof REPLY_COUNTINGS)[number];

/** The bureau's time limits, set by the administrator (bureau_settings). */
export interface ClockSettings {
  /** Working days each approval level has to decide, counted from the day the form reached it. */
  levelWorkdays: Record<DecisionLevel, number>;
  replyCounting: ReplyCounting;
  replyWorkdays: number;
  followUpWorkdays: number;
}

export const DEFAULT_CLOCK_SETTINGS: ClockSettings = {
  levelWorkdays: { 2: 1, 3: 1, 4: 1 },
  replyCounting: 'receipt',
  replyWorkdays: 3,
  followUpWorkdays: 5,
};

/** green: not yet near; yellow: due today or from the working day before; red: past due. */
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
/** pending: not decided yet; met: decided on or before its due date; late: decided after it. */
export const CLOCK_STATUSES = ['pending', 'met', 'late'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export interface DueClock {
  due: string;
  provisional: boolean;
  status: ClockStatus;
  /** The light while pending; null once decided (met or late is the answer then). */
  light: Light | null;
}

export interface LevelClock extends DueClock {
  level: DecisionLevel;
  enteredOn: string;
  decidedOn: string | null;
}

/** The latest working day strictly before `due` (from it on, the light is yellow). */
export function workingDayBefore(due: string, calendar: WorkCalendar): string {
  let day = addCalendarDays(due, -1);
  // A year has working days: the walk stops within a few weeks even across the Spring Festival.
  for (let i = 0; i < 366 && !isWorkingDay(day, calendar); i++) day = addCalendarDays(day, -1);
  return day;
}

export function lightOf(args: { due: string; today: string; calendar: WorkCalendar }): Light {
  if (args.today > args.due) return 'red';
  return args.today >= workingDayBefore(args.due, args.calendar) ? 'yellow' : 'green';
}

/** A clock that starts on `from` and runs `workdays` working days, as of `today`; `doneOn` stops it. */
export function dueClock(args: {
  from: string;
  workdays: number;
  doneOn: string | null;
  today: string;
  calendar: WorkCalendar;
}): DueClock {
  const { due, provisional } = addWorkingDays({
    from: args.from,
    workdays: args.workdays,
    calendar: args.calendar,
  });
  if (args.doneOn !== null) {
    return { due, provisional, status: args.doneOn <= due ? 'met' : 'late', light: null };
  }
  return {
    due,
    provisional,
    status: 'pending',
    light: lightOf({ due, today: args.today, calendar: args.calendar }),
  };
}

/** What the clocks need of a case: dates in China, the current form round's decisions. */
export interface ClockedCase {
  state: CaseState;
  receivedOn: string;
  /** When the current approval form was proposed (it reached level 2 then). */
  proposedOn: string | null;
  /** The current round's decisions: the day each level decided. */
  decisions: readonly { level: DecisionLevel; decidedOn: string }[];
  refusedOn: string | null;
  repliedOn: string | null;
}

/**
 * Each level the current form reached: it entered level 2 when proposed and each level above when the one
 * below decided; a level is shown when it decided or the case waits at it.
 */
export function levelClocks(args: {
  c: ClockedCase;
  settings: ClockSettings;
  today: string;
  calendar: WorkCalendar;
}): LevelClock[] {
  const { c, settings, today, calendar } = args;
  if (c.proposedOn === null) return [];
  const decidedOn = new Map(c.decisions.map((d) => [d.level, d.decidedOn]));
  const current = LEVEL_OF_STATE[c.state];
  const clocks: LevelClock[] = [];
  for (const level of [2, 3, 4] as const) {
    const decided = decidedOn.get(level) ?? null;
    if (decided === null && level !== current) continue;
    const enteredOn = level === 2 ? c.proposedOn : decidedOn.get((level - 1) as DecisionLevel);
    if (enteredOn === undefined) continue;
    clocks.push({
      level,
      enteredOn,
      decidedOn: decided,
      ...dueClock({
        from: enteredOn,
        workdays: settings.levelWorkdays[level],
        doneOn: decided,
        today,
        calendar,
      }),
    });
  }
  return clocks;
}

/** The reply's clock: from receipt (known from the start) or from the final refusal (once refused). */
export function replyClock(args: {
  c: Pick<ClockedCase, 'receivedOn' | 'refusedOn' | 'repliedOn'>;
  settings: ClockSettings;
  today: string;
  calendar: WorkCalendar;
}): DueClock | null {
  const { c, settings } = args;
  const from = settings.replyCounting === 'receipt' ? c.receivedOn : c.refusedOn;
  if (from === null) return null;
  return dueClock({
    from,
    workdays: settings.replyWorkdays,
    doneOn: c.repliedOn,
    today: args.today,
    calendar: args.calendar,
  });
}

/** The reply's due date for a refusal confirmed on `refusedOn`, as stored with the case. */
export function replyDueOf(args: {
  receivedOn: string;
  refusedOn: string;
  settings: ClockSettings;
  calendar: WorkCalendar;
}): { due: string; provisional: boolean } {
  const from = args.settings.replyCounting === 'receipt' ? args.receivedOn : args.refusedOn;
  return addWorkingDays({ from, workdays: args.settings.replyWorkdays, calendar: args.calendar });
}

/** Working days from the day of receipt (not counted) to `until` (the reply, or today). */
export function workdaysSinceReceipt(args: {
  receivedOn: string;
  until: string;
  calendar: WorkCalendar;
}): number {
  if (args.until <= args.receivedOn) return 0;
  return countWorkingDays({ from: args.receivedOn, to: args.until, calendar: args.calendar }).count;
}

/**
 * The first day a clock may have started on and not be due before `dueBefore`: a clock of `workdays`
 * started on `e` is due before `dueBefore` exactly when `e` is before this day (due dates only grow with
 * their start). Lists turn "past due" into an indexed range on the day a case entered its level.
 */
export function startedBeforeForDueBefore(args: {
  dueBefore: string;
  workdays: number;
  calendar: WorkCalendar;
}): string {
  const due = (from: string) =>
    addWorkingDays({ from, workdays: args.workdays, calendar: args.calendar }).due;
  let start = args.dueBefore;
  while (due(addCalendarDays(start, -1)) >= args.dueBefore) start = addCalendarDays(start, -1);
  return start;
}

/** dueSoon: the working day before; dueToday: the due day; overdue: every working day after it. */
export type ReminderKind = 'dueSoon' | 'dueToday' | 'overdue';
/** Who a reminder goes to: the clock's holder, the next level up, the supervision office (督查室). */
export type ReminderRecipient = 'holder' | 'nextLevel' | 'supervisionOffice';

export interface DueReminder {
  kind: ReminderKind;
  recipients: readonly ReminderRecipient[];
  /** The reminder's stable key; one notification per recipient is `${key}:${personId}`. */
  key: string;
}

/**
 * The reminder a pending clock owes on `today`, if any: the holder the working day before and on the due
 * day; once it is overdue, the holder, the next level up and the supervision office, on each working day.
 * `keyPrefix` names the clock (`case:<id>:level:<n>:round:<r>`); the key ends with the kind and the day.
 */
export function reminderOn(args: {
  keyPrefix: string;
  due: string;
  today: string;
  calendar: WorkCalendar;
}): DueReminder | null {
  const { due, today, calendar } = args;
  const key = (kind: ReminderKind) => `${args.keyPrefix}:${kind}:${today}`;
  if (today > due) {
    if (!isWorkingDay(today, calendar)) return null;
    return { kind: 'overdue', recipients: ['holder', 'nextLevel', 'supervisionOffice'], key: key('overdue') };
  }
  if (today === due) return { kind: 'dueToday', recipients: ['holder'], key: key('dueToday') };
  if (today === workingDayBefore(due, calendar)) {
    return { kind: 'dueSoon', recipients: ['holder'], key: key('dueSoon') };
  }
  return null;
}

/** The key prefix of a level's clock in a form round. */
export function levelClockKey(caseId: string, level: DecisionLevel, round: number): string {
  return `case:${caseId}:level:${level}:round:${round}`;
}

/** The key prefix of a matter's statutory time limit. */
export function matterClockKey(caseId: string): string {
  return `case:${caseId}:matter`;
}
