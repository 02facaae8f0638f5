// The in-app inbox (我的待办 notifications): what arrived for you, and how many you have not read.
import { z } from 'zod';
import { idSchema, pageOf } from '../shared/schema.ts';

export const NOTIFICATION_KINDS = [
  'caseArrived', // a refusal's approval form reached a level you hold (or act for)
  'decisionMade', // a level decided on your proposed refusal
  'caseRefused', // the principal leader confirmed the refusal: answer the applicant by the due date
  'replyDueSoon', // the reply is due today or on the next working day
  'replyOverdue', // the reply is past due (to the first responder and their department head)
  'levelDueSoon', // an approval level you hold is due on the next working day, or today
  'levelOverdue', // an approval level is past its limit (its holder, the next level up, the supervision office)
  'matterDueSoon', // a matter's statutory limit is due on the next working day, or today
  'matterOverdue', // a matter's statutory limit has passed (first responder, department head, supervision office)
  'caseHandedOver', // a case was handed over to you: you are its first responder now
  'deputyAppointed', // you were appointed to act for someone, or someone to act for you
  'deputyEnded', // such an appointment was ended early or withdrawn
  'calendarMissing', // from 1 November, next year's holiday schedule is not loaded (to administrators)
  'applicantFlagged', // an applicant rated 不满意 or worse, or disagreed with the answer (to the supervision office)
  'reopenRequested', // the applicant asked for the matter to be handled again (to the first responder)
  'coDepartmentNamed', // your department was named a co-department of a case (协作配合)
  'consultationRequested', // you were asked to convene a consultation (会商召集人)
  'consultationInvited', // the convener invited you to a consultation
  'levelVacant', // a case waits at a level nobody holds or acts for today (administrators, the next level up)
  'reportReceived', // a report (举报/投诉) reached the office that handles it (the supervision office, a unit's discipline inspection)
  'supervisionOrdered', // a supervision order (督办单) to your department: answer by its due date
  'orderAnswered', // the department answered a supervision order: verify it (the handling office)
  'orderSentBack', // the office sent an answer back with a reason (the department head)
  'orderDueSoon', // a supervision order is due on the next working day, or today
  'orderOverdue', // a supervision order is past its due date (department head and the handling office)
  'referralReceived', // a report was referred to you (移送纪检): discipline inspection
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(NOTIFICATION_KINDS),
  caseId: idSchema.nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const notificationListSchema = pageOf(notificationSchema).extend({
  unreadCount: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const notificationsReadAllSchema = z.object({
  marked: z.number().int(),
  unreadCount: z.number().int(),
});
export type NotificationsReadAll = z.infer<typeof notificationsReadAllSchema>;

/** The channels an outbox message goes out by, and how its delivery ended (the outbox table's columns). */
export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
export const OUTBOX_OUTCOMES = ['sent', 'skipped', 'failed'] as const;
export type OutboxOutcome = (typeof OUTBOX_OUTCOMES)[number];
