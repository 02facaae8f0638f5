// Acting deputies (代理, work plan 三(四)): a person appointed to act for a chain position holder over a
// date range. While the appointment runs, the deputy holds the holder's positions as their deputy: they
// see what the holder sees and decide as that level, and the form shows both names.
import { z } from 'zod';
import { idSchema, isoDateSchema, personRefSchema } from '../shared/schema.ts';
import { addCalendarDays } from '../calendar/rules.ts';
import type { Subject } from '../access/policy.ts';

/** Administrators appoint for anyone; a position holder appoints their own deputy. To anyone else an
 * appointment does not exist. */
export function canManageDeputiesOf(s: Pick<Subject, 'roles' | 'personId'>, forPersonId: string): boolean {
  return s.roles.includes('admin') || s.personId === forPersonId;
}

/** Who sees an appointment: those who may manage it, and the deputy. */
export function canSeeDeputy(
  s: Pick<Subject, 'roles' | 'personId'>,
  a: { deputyId: string; forPersonId: string },
): boolean {
  return canManageDeputiesOf(s, a.forPersonId) || s.personId === a.deputyId;
}

/** The longest appointment: a deputy covers an absence, not a position (give the position instead). */
export const MAX_DEPUTY_DAYS = 366;

export const appointDeputyBodySchema = z
  .strictObject({
    deputyId: idSchema,
    forPersonId: idSchema,
    fromDate: isoDateSchema,
    toDate: isoDateSchema,
  })
  .refine((b) => b.fromDate <= b.toDate, { path: ['toDate'], params: { text: 'beforeStart' } });
export type AppointDeputyBody = z.infer<typeof appointDeputyBodySchema>;

export const actingDeputySchema = z.object({
  id: idSchema,
  deputy: personRefSchema,
  forPerson: personRefSchema,
  fromDate: isoDateSchema,
  toDate: isoDateSchema,
  createdAt: z.string(),
  createdBy: personRefSchema.nullable(),
  /** Under way, yet to start, or over, on the server's today. */
  status: z.enum(['current', 'upcoming', 'past']),
});
export type ActingDeputy = z.infer<typeof actingDeputySchema>;

export const deputyListSchema = z.object({ items: z.array(actingDeputySchema) });
export type DeputyList = z.infer<typeof deputyListSchema>;

export const deputyListQuerySchema = z.strictObject({
  /** Include appointments that are over (the last 90 days of them). */
  past: z.enum(['true', 'false']).optional(),
});

/** The people a deputy (or, for administrators, a holder) may be picked from: every active account. */
export const deputyCandidatesSchema = z.object({
  items: z.array(personRefSchema.extend({ departmentName: z.string() })),
});
export type DeputyCandidates = z.infer<typeof deputyCandidatesSchema>;

export type DeputyStatus = ActingDeputy['status'];

export function deputyStatusOn(a: { fromDate: string; toDate: string }, today: string): DeputyStatus {
  if (a.toDate < today) return 'past';
  return a.fromDate > today ? 'upcoming' : 'current';
}

/** Why an appointment cannot be made, field by field; empty when it can. */
/** Field messages are keys of FIELD_MESSAGES. */
export type AppointmentProblem =
  | { field: 'deputyId'; message: 'deputyIsHolder' | 'disabledPerson' }
  | { field: 'forPersonId'; message: 'holdsNoPosition' }
  | { field: 'toDate'; message: 'deputyTooLong' }
  | { field: 'fromDate'; message: 'inThePast' | 'deputyOverlaps' };

export function appointmentProblems(args: {
  body: AppointDeputyBody;
  today: string;
  deputyActive: boolean;
  /** Whether the holder holds a chain position of their own on some day of the range. */
  holderHoldsPosition: boolean;
  /** The holder's other appointments that are not over. */
  existing: readonly { fromDate: string; toDate: string }[];
}): AppointmentProblem[] {
  const { body } = args;
  const problems: AppointmentProblem[] = [];
  if (body.deputyId === body.forPersonId) problems.push({ field: 'deputyId', message: 'deputyIsHolder' });
  else if (!args.deputyActive) problems.push({ field: 'deputyId', message: 'disabledPerson' });
  if (!args.holderHoldsPosition) problems.push({ field: 'forPersonId', message: 'holdsNoPosition' });
  // An appointment acts from its first day on: one that began yesterday would say someone acted who
  // could not have.
  if (body.fromDate < args.today) problems.push({ field: 'fromDate', message: 'inThePast' });
  // One deputy at a time: two people acting for one holder on one day would both decide as that level.
  else if (args.existing.some((e) => e.fromDate <= body.toDate && body.fromDate <= e.toDate)) {
    problems.push({ field: 'fromDate', message: 'deputyOverlaps' });
  }
  if (body.toDate > addCalendarDays(body.fromDate, MAX_DEPUTY_DAYS - 1)) {
    problems.push({ field: 'toDate', message: 'deputyTooLong' });
  }
  return problems;
}

/** Ending an appointment: one that has not started is withdrawn; one under way ends yesterday. */
export function endingOf(
  a: { fromDate: string; toDate: string },
  today: string,
): { kind: 'withdraw' } | { kind: 'endOn'; toDate: string } | { kind: 'alreadyOver' } {
  if (a.toDate < today) return { kind: 'alreadyOver' };
  if (a.fromDate >= today) return { kind: 'withdraw' };
  return { kind: 'endOn', toDate: addCalendarDays(today, -1) };
}
