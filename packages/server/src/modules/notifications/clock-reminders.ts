// Reminders of the case clocks (docs/decisions/0015): each approval level's time limit and each matter's
// statutory one. On the working day before and on the due day the holder is reminded; on every working day
// after it, the holder, the next level up and the supervision office. Each reminder has a stable key per
// China date and person (core `reminderOn()`), and the inbox's unique dedupe key drops a second insert
// (ON CONFLICT DO NOTHING), so ticks, restarts and several servers never double one. A run creates today's
// reminders; one that fell due while no server ran goes out at the next start that day.
import {
  LEVEL_OF_STATE,
  addCalendarDays,
  addWorkingDays,
  levelClockKey,
  matterClockKey,
  reminderOn,
  startedBeforeForDueBefore,
  type ChainHolders,
  type DecisionLevel,
  type DueReminder,
  type NotificationMessage,
  type WorkCalendar,
} from '@bancheng/core';
import { nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import {
  casesAtLevelEnteredBefore,
  existingNotificationKeys,
  openCasesDueBy,
} from './notification-repository.ts';
import {
  deliveryChannelsOf,
  enqueueNotifications,
  type PlannedNotification,
} from './notification-service.ts';
import { holdersFor } from '../cases/index.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { activePeopleWithRole } from '../people/index.ts';
import { getClockSettings } from '../settings/index.ts';

const LEVEL_STATES = ['atDeptHead', 'atLeaderInCharge', 'atPrincipalLeader'] as const;
/** States in which a matter's time limit runs (as the lists count them). */
const OPEN_STATES = ['open', 'resolving', 'inConsultation'] as const;

const peopleAt = (holders: ChainHolders, level: DecisionLevel) =>
  holders.levels[level].map((h) => h.personId);

interface Recipients {
  holder: string[];
  nextLevel: string[];
  supervisionOffice: string[];
}

/** One notification per person the reminder goes to, each keyed `${reminder.key}:${personId}`. */
function planned(
  reminder: DueReminder,
  who: Recipients,
  message: NotificationMessage & { caseId: string },
): PlannedNotification[] {
  const people = [...new Set(reminder.recipients.flatMap((r) => who[r]))];
  return people.map((personId) => ({ ...message, personId, dedupeKey: `${reminder.key}:${personId}` }));
}

/** The first day a clock of `workdays` may have started on and not yet need a reminder on `today`. */
function remindFrom(today: string, workdays: number, calendar: WorkCalendar): string {
  // A reminder is due from the working day before the due date: clocks due by the next working day.
  const next = addWorkingDays({ from: today, workdays: 1, calendar }).due;
  return startedBeforeForDueBefore({ dueBefore: addCalendarDays(next, 1), workdays, calendar });
}

/** Creates today's level and matter reminders not created yet; answers how many notifications it made. */
export async function scheduleClockReminders(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const today = todayOf(ctx);
  const [calendar, settings, supervisionOffice] = await Promise.all([
    getWorkCalendar(ctx),
    getClockSettings(ctx),
    activePeopleWithRole(db, 'supervisionOffice'),
  ]);
  const channels = deliveryChannelsOf(ctx.config);
  const holdersOf = new Map<string, Promise<ChainHolders>>();
  const holders = (departmentId: string) => {
    let h = holdersOf.get(departmentId);
    if (!h) holdersOf.set(departmentId, (h = holdersFor(db, departmentId, today)));
    return h;
  };
  const batches: PlannedNotification[][] = [];

  for (const state of LEVEL_STATES) {
    const level = LEVEL_OF_STATE[state] as DecisionLevel;
    const workdays = settings.levelWorkdays[level];
    const enteredBefore = remindFrom(today, workdays, calendar);
    for (const c of await casesAtLevelEnteredBefore(db, { state, enteredBefore })) {
      const due = addWorkingDays({ from: c.levelEnteredOn, workdays, calendar }).due;
      const reminder = reminderOn({
        keyPrefix: levelClockKey(c.id, level, c.formRound),
        due,
        today,
        calendar,
      });
      if (!reminder) continue;
      const h = await holders(c.departmentId);
      const overdue = reminder.kind === 'overdue';
      batches.push(
        planned(
          reminder,
          {
            holder: peopleAt(h, level),
            nextLevel: level < 4 ? peopleAt(h, (level + 1) as DecisionLevel) : [],
            supervisionOffice,
          },
          {
            caseId: c.id,
            kind: overdue ? 'levelOverdue' : 'levelDueSoon',
            params: { caseNumber: c.number, matterTitle: c.matterTitle, level, due },
          },
        ),
      );
    }
  }

  const matterDueBy = addWorkingDays({ from: today, workdays: 1, calendar }).due;
  for (const c of await openCasesDueBy(db, { states: OPEN_STATES, dueBy: matterDueBy })) {
    const reminder = reminderOn({ keyPrefix: matterClockKey(c.id), due: c.dueDate, today, calendar });
    if (!reminder) continue;
    const overdue = reminder.kind === 'overdue';
    batches.push(
      planned(
        reminder,
        {
          holder: [c.firstResponderId],
          nextLevel: peopleAt(await holders(c.departmentId), 2),
          supervisionOffice,
        },
        {
          caseId: c.id,
          kind: overdue ? 'matterOverdue' : 'matterDueSoon',
          params: { caseNumber: c.number, matterTitle: c.matterTitle, dueDate: c.dueDate },
        },
      ),
    );
  }

  let created = 0;
  for (const batch of batches) {
    const taken = await existingNotificationKeys(
      db,
      batch.map((p) => p.dedupeKey ?? ''),
    );
    const missing = batch.filter((p) => !taken.has(p.dedupeKey ?? ''));
    if (missing.length === 0) continue;
    created += await db
      .transaction()
      .execute((trx) => enqueueNotifications(trx, { channels, notifications: missing, now: nowIsoOf(ctx) }));
  }
  return created;
}
