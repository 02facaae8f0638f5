// Cases (事项): registration, the approval form's decisions, and the actions on a case.
import { z } from 'zod';
import { SATISFACTION_RATINGS } from '../tracking/rules.ts';
import { decodeListCursor } from './list-cursor.ts';
import {
  creditCodeSchema,
  idSchema,
  isoDateSchema,
  lineText,
  longText,
  personRefSchema,
  phoneText,
  versionSchema,
} from '../shared/schema.ts';
import { CASE_ACTIONS, CASE_OUTCOMES, CASE_STATES, FOLLOW_UP_OUTCOMES, REFUSAL_REASONS } from './states.ts';
import { CASE_VIEWS, CHANNELS, MATTER_TYPES } from './vocabulary.ts';
import { LIGHTS } from './clocks.ts';
import { caseClocksSchema } from './clocks-schema.ts';
import { caseDecisionSchema, caseFollowUpSchema, caseRoundSchema } from './form-schema.ts';
import { consultationPersonSchema } from './consultation-schema.ts';
import { checkOneTimeNotice } from './one-time-notice.ts';
import { REPLY_DELIVERIES } from './reply-rules.ts';

/** One line (a name, a title): no control characters at all. */
const line = (max: number) => lineText().min(1).max(max);
const optionalLine = (max: number) => lineText().max(max).optional();
/** A text area (a description, an opinion, a record): tab and line breaks allowed. */
const text = (max: number) => longText().min(1).max(max);
const optionalText = (max: number) => longText().max(max).optional();
const phoneSchema = phoneText();

export const applicantSchema = z.strictObject({
  kind: z.enum(['person', 'enterprise']),
  name: line(100),
  creditCode: creditCodeSchema.optional(),
  phone: phoneSchema,
  address: optionalLine(200),
});

export const registerCaseBodySchema = z.strictObject({
  applicant: applicantSchema,
  channel: z.enum(CHANNELS),
  receivedAt: z.iso.datetime({ offset: true }),
  /** From the handling department's matter list; its type, title and time limit apply unless typed. */
  matterId: idSchema.optional(),
  /** Required unless `matterId` is given. */
  matterType: z.enum(MATTER_TYPES).optional(),
  /** Required unless `matterId` is given. */
  matterTitle: line(200).optional(),
  description: text(5000),
  /** The department handling it; defaults to the first responder's own. */
  departmentId: idSchema.optional(),
  coDepartmentIds: z.array(idSchema).max(10).default([]),
  /** 没有明确主管部门: the first-inquiry department (the first responder's own) leads it. */
  noCompetentDepartment: z.boolean().optional(),
});
export type RegisterCaseBody = z.input<typeof registerCaseBodySchema>;

const handOverAction = z.strictObject({
  type: z.literal('handOver'),
  toPersonId: idSchema,
  note: optionalText(1000),
});
const closeDoneAction = z.strictObject({ type: z.literal('closeDone'), note: text(5000) });
// A notice fills every heading of its template (办理依据, 程序, 材料, 时限, 地点): see one-time-notice.ts.
const noticeText = text(10000).superRefine((notice, issue) => {
  const problems = checkOneTimeNotice(notice);
  if (problems.length > 0) {
    issue.addIssue({
      code: 'custom',
      input: notice,
      params: { text: 'oneTimeNotice', sections: problems.map((p) => p.section) },
    });
  }
});
const givenNoticeAction = z.strictObject({ type: z.literal('giveOneTimeNotice'), notice: text(10000) });
const giveOneTimeNoticeAction = givenNoticeAction.extend({ notice: noticeText });
const proposeRefusalAction = z.strictObject({
  type: z.literal('proposeRefusal'),
  reason: z.enum(REFUSAL_REASONS),
  reasonText: text(5000),
});
const decideAction = z.strictObject({
  type: z.literal('decide'),
  decision: z.enum(['resolvable', 'escalate', 'refuse']),
  opinion: text(5000),
  workableSuggestion: optionalText(5000),
});
const requestConsultationAction = z.strictObject({
  type: z.literal('requestConsultation'),
  /** The feasible suggestion (可行性建议) the lead puts to the consultation. */
  proposal: text(5000),
  /** The leader who convenes it; default the lead department's leader in charge. */
  convenerId: idSchema.optional(),
});
const recordConsultationAction = z.strictObject({
  type: z.literal('recordConsultation'),
  heldAt: z.iso.datetime({ offset: true }),
  place: optionalLine(200),
  /** Invitees who were present (the others are recorded absent). */
  presentIds: z.array(idSchema).max(50).optional(),
  /** Who else took part, in words. */
  participants: text(1000),
  conclusion: z.enum(['resolvable', 'notResolvable']),
  record: text(10000),
});
// A phone reply must be recorded: when, the number called, who answered, what was said.
const recordPhoneReplyAction = z.strictObject({
  type: z.literal('recordReply'),
  method: z.literal('phone'),
  calledAt: z.iso.datetime({ offset: true }),
  phoneNumber: phoneSchema,
  answeredBy: line(100),
  content: text(5000),
});
// A written reply: the day it was sent, how (邮寄, 当面送达, 电子邮件), to which address, and what it said.
const recordWrittenReplyAction = z.strictObject({
  type: z.literal('recordReply'),
  method: z.literal('written'),
  sentOn: isoDateSchema,
  delivery: z.enum(REPLY_DELIVERIES),
  /** The postal address, the place handed over, or the email address. */
  address: line(200),
  content: text(10000),
});
/** As events recorded it: before 0019 a written reply was its text alone. */
const recordedWrittenReplyAction = recordWrittenReplyAction.partial({
  sentOn: true,
  delivery: true,
  address: true,
});
const recordFeedbackAction = z.strictObject({
  type: z.literal('recordFeedback'),
  accepted: z.boolean(),
  text: optionalText(5000),
});
// The check of a way found (跟踪问效): carried out (落实) or not (未落实, which reopens the case), with notes.
const recordFollowUpAction = z.strictObject({
  type: z.literal('recordFollowUp'),
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  note: text(5000),
});
// The way found failed: a new round of the approval form, saying what was tried.
const reopenRoundAction = z.strictObject({
  type: z.literal('reopenRound'),
  tried: text(5000),
  reason: z.enum(REFUSAL_REASONS),
  reasonText: text(5000),
});
const withdrawProposalAction = z.strictObject({
  type: z.literal('withdrawProposal'),
  note: optionalText(1000),
});

export const caseActionSchema = z.discriminatedUnion('type', [
  handOverAction,
  closeDoneAction,
  giveOneTimeNoticeAction,
  proposeRefusalAction,
  decideAction,
  requestConsultationAction,
  recordConsultationAction,
  z.discriminatedUnion('method', [recordPhoneReplyAction, recordWrittenReplyAction]),
  recordFeedbackAction,
  recordFollowUpAction,
  reopenRoundAction,
  withdrawProposalAction,
]);
export type CaseActionBody = z.infer<typeof caseActionSchema>;

export const caseActionRequestSchema = z.strictObject({ version: versionSchema, action: caseActionSchema });
export type CaseActionRequest = z.infer<typeof caseActionRequestSchema>;

export const caseSummarySchema = z.object({
  id: idSchema,
  number: z.string(),
  state: z.enum(CASE_STATES),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  applicantName: z.string(),
  applicantPhone: z.string(),
  matterType: z.enum(MATTER_TYPES),
  matterTitle: z.string(),
  channel: z.enum(CHANNELS),
  receivedAt: z.string(),
  departmentId: idSchema,
  departmentName: z.string(),
  unitName: z.string(),
  firstResponder: personRefSchema,
  /** The level the case waits at (2–4) while on the approval form. */
  currentLevel: z.number().int().min(2).max(4).nullable(),
  /** The reply deadline after a final refusal (3 working days), or a matter's own time limit. */
  dueDate: isoDateSchema.nullable(),
  dueProvisional: z.boolean(),
  overdue: z.boolean(),
  /** While on the approval form: the current level's due date (its time limit from the day it arrived). */
  levelDue: isoDateSchema.nullable(),
  /**
   * The 督办 light of the clock that runs now (the current level's; else the reply's after a refusal, or
   * the matter's time limit): yellow from the working day before the due date, red after it.
   */
  light: z.enum(LIGHTS).nullable(),
  /** Working days the reply came after its due date (答复逾期); 0 on time, null when not answered or not due. */
  replyLateWorkdays: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListQuerySchema = z.strictObject({
  view: z.enum(CASE_VIEWS).default('todo'),
  state: z.enum(CASE_STATES).optional(),
  /** Refusals whose reply is late, open cases past their matter's time limit, and cases waiting at an
   * approval level past its limit (decision 0015). */
  overdue: z.enum(['true', 'false']).optional(),
  /** The same, due by the end of the next working day (overdue ones included). */
  dueSoon: z.enum(['true', 'false']).optional(),
  /** Cases not closed yet. */
  open: z.enum(['true', 'false']).optional(),
  /** Refusals the principal leader confirmed: waiting for the reply, replied, or closed as refused. */
  refused: z.enum(['true', 'false']).optional(),
  matterType: z.enum(MATTER_TYPES).optional(),
  channel: z.enum(CHANNELS).optional(),
  departmentId: idSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  q: lineText().max(100).optional(),
  /** Where the page starts: the `nextCursor` of the page before; none for the first page. */
  cursor: z
    .string()
    .max(200)
    .refine((text) => decodeListCursor(text) !== null, { params: { text: 'invalidCursor' } })
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  /** How many cases the list holds, counted up to LIST_COUNT_CAP; `totalExact` false means "at least". */
  total: z.number().int(),
  totalExact: z.boolean(),
  /** The cursor of the next page, or null on the last page. */
  nextCursor: z.string().nullable(),
  pageSize: z.number().int(),
});
export type CaseList = z.infer<typeof caseListSchema>;

// ---- Case events: what each audit event of a case carries (its payload), typed per event ----

const stateSnapshotSchema = z.object({ state: z.enum(CASE_STATES), firstResponderId: idSchema });
const withoutType = <T extends z.ZodObject>(action: T) => action.omit({ type: true });
/** An action's event: the state before and after, and the request's own fields. */
const actionEventPayload = <T extends z.ZodType>(action: T) =>
  z.object({ before: stateSnapshotSchema, after: stateSnapshotSchema, action });

/**
 * The payload of every event on a case, by event type. An action's payload is derived from its request
 * schema; a phone reply's number is kept masked here (the full number lives only in case_replies).
 */
export const caseEventPayloadSchemas = {
  'case.registered': z.object({
    number: z.string(),
    departmentId: idSchema,
    after: z.object({
      channel: z.enum(CHANNELS),
      matterType: z.enum(MATTER_TYPES),
      matterTitle: z.string(),
      matterId: idSchema.optional(),
      dueDate: isoDateSchema.nullable().optional(),
      applicantName: z.string(),
      /** Masked (138****1234). */
      applicantPhone: z.string(),
      coDepartmentIds: z.array(idSchema),
    }),
  }),
  'case.handOver': actionEventPayload(withoutType(handOverAction)),
  'case.closeDone': actionEventPayload(withoutType(closeDoneAction)),
  // Notices given before the headings were required are events too: the event keeps any text.
  'case.giveOneTimeNotice': actionEventPayload(withoutType(givenNoticeAction)),
  'case.proposeRefusal': actionEventPayload(withoutType(proposeRefusalAction)),
  'case.decide': actionEventPayload(
    withoutType(decideAction).extend({
      /** With a final refusal: the day the applicant must be answered by. */
      replyDeadline: isoDateSchema.optional(),
    }),
  ),
  'case.requestConsultation': actionEventPayload(withoutType(requestConsultationAction)),
  'case.recordConsultation': actionEventPayload(withoutType(recordConsultationAction)),
  'case.recordReply': actionEventPayload(
    z.discriminatedUnion('method', [
      /** The number called, masked (138****1234). */
      withoutType(recordPhoneReplyAction).extend({ phoneNumber: z.string() }),
      withoutType(recordedWrittenReplyAction),
    ]),
  ),
  'case.recordFeedback': actionEventPayload(withoutType(recordFeedbackAction)),
  'case.recordFollowUp': actionEventPayload(withoutType(recordFollowUpAction)),
  'case.reopenRound': actionEventPayload(withoutType(reopenRoundAction)),
  'case.withdrawProposal': actionEventPayload(withoutType(withdrawProposalAction)),
  'case.phoneRevealed': z.object({}),
  'case.coDepartmentsChanged': z.object({
    added: z.array(idSchema),
    removed: z.array(idSchema),
  }),
  'case.consultationInvited': z.object({ personIds: z.array(idSchema) }),
  'case.contributionRecorded': z.object({ departmentId: idSchema, text: z.string() }),
  'case.attachmentAdded': z.object({
    attachmentId: idSchema,
    fileName: z.string(),
    mediaType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
  }),
  // The applicant's own view (tracking/): never the code, nor the applicant's own words.
  'case.trackingCodeIssued': z.object({ reissued: z.boolean(), sms: z.enum(['queued', 'skipped']) }),
  'case.rated': z.object({
    rating: z.enum(SATISFACTION_RATINGS),
    source: z.enum(['applicant', 'phone']),
    round: z.number().int(),
    hasComment: z.boolean(),
    flagged: z.boolean(),
  }),
  'case.reopenedByApplicant': z.object({
    round: z.number().int(),
    before: z.object({ state: z.enum(CASE_STATES) }),
    after: z.object({ state: z.enum(CASE_STATES) }),
  }),
  /** The reply letter was first made and given its 文号 (〔2026〕12号), once per case. */
  'case.letterNumbered': z.object({ letterNumber: z.string() }),
} as const satisfies Record<`case.${string}`, z.ZodType>;
export type CaseEventType = keyof typeof caseEventPayloadSchemas;
export type CaseEventPayload<T extends CaseEventType> = z.output<(typeof caseEventPayloadSchemas)[T]>;
export const CASE_EVENT_TYPES = Object.keys(caseEventPayloadSchemas) as CaseEventType[];

const timelineEntry = <T extends CaseEventType>(type: T) =>
  z.object({
    at: z.string(),
    type: z.literal(type),
    actor: personRefSchema.nullable(),
    payload: caseEventPayloadSchemas[type],
  });

/** One entry of a case's history: an audit event, its payload typed by its type, personal data masked. */
export const caseTimelineEntrySchema = z
  .discriminatedUnion('type', [
    timelineEntry('case.registered'),
    timelineEntry('case.handOver'),
    timelineEntry('case.closeDone'),
    timelineEntry('case.giveOneTimeNotice'),
    timelineEntry('case.proposeRefusal'),
    timelineEntry('case.decide'),
    timelineEntry('case.requestConsultation'),
    timelineEntry('case.recordConsultation'),
    timelineEntry('case.recordReply'),
    timelineEntry('case.recordFeedback'),
    timelineEntry('case.recordFollowUp'),
    timelineEntry('case.reopenRound'),
    timelineEntry('case.withdrawProposal'),
    timelineEntry('case.phoneRevealed'),
    timelineEntry('case.coDepartmentsChanged'),
    timelineEntry('case.consultationInvited'),
    timelineEntry('case.contributionRecorded'),
    timelineEntry('case.attachmentAdded'),
    timelineEntry('case.trackingCodeIssued'),
    timelineEntry('case.rated'),
    timelineEntry('case.reopenedByApplicant'),
    timelineEntry('case.letterNumbered'),
  ])
  .meta({ id: 'CaseTimelineEntry' });
export type CaseTimelineEntry = z.infer<typeof caseTimelineEntrySchema>;

// ---- Case facts: read from their own tables ----

export const caseHandOverSchema = z.object({
  from: personRefSchema,
  to: personRefSchema,
  by: personRefSchema,
  note: z.string().nullable(),
  at: z.string(),
});

export const caseReplySchema = z.object({
  channel: z.enum(['phone', 'written']),
  repliedBy: personRefSchema,
  /** The call's time for a phone reply; the start of the day sent (China) for a written one. */
  repliedAt: z.string(),
  /** The number called, masked (138****1234); null for a written reply. */
  phoneCalled: z.string().nullable(),
  answeredBy: z.string().nullable(),
  /** A written reply's day sent, delivery and address; null for a phone reply (and older written ones). */
  sentOn: isoDateSchema.nullable(),
  delivery: z.enum(REPLY_DELIVERIES).nullable(),
  address: z.string().nullable(),
  content: z.string(),
  recordedAt: z.string(),
});
export type CaseReply = z.infer<typeof caseReplySchema>;

export const caseFeedbackSchema = z.object({
  accepted: z.boolean(),
  text: z.string().nullable(),
  recordedBy: personRefSchema,
  recordedAt: z.string(),
});

export const caseConsultationSchema = z.object({
  id: idSchema,
  requestedBy: personRefSchema,
  requestedAt: z.string(),
  proposal: z.string(),
  /** The leader convening it (null for consultations recorded before conveners, migration 0018). */
  convener: personRefSchema.nullable(),
  /** The convener and the people invited, with whether each was present once recorded. */
  people: z.array(consultationPersonSchema),
  /** Null until the meeting is recorded. */
  meeting: z
    .object({
      heldAt: z.string(),
      place: z.string().nullable(),
      participants: z.string(),
      conclusion: z.enum(['resolvable', 'notResolvable']),
      record: z.string(),
      recordedBy: personRefSchema,
      recordedAt: z.string(),
    })
    .nullable(),
});

export const caseNoticeSchema = z.object({
  givenBy: personRefSchema,
  notice: z.string(),
  givenAt: z.string(),
});

/** The facts recorded on a case, oldest first. */
export const caseFactsSchema = z
  .object({
    handOvers: z.array(caseHandOverSchema),
    replies: z.array(caseReplySchema),
    feedback: z.array(caseFeedbackSchema),
    consultations: z.array(caseConsultationSchema),
    followUps: z.array(caseFollowUpSchema),
    notices: z.array(caseNoticeSchema),
  })
  .meta({ id: 'CaseFacts' });
export type CaseFacts = z.infer<typeof caseFactsSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  applicantKind: z.enum(['person', 'enterprise']),
  applicantCreditCode: z.string().nullable(),
  applicantAddress: z.string().nullable(),
  description: z.string(),
  crossDepartment: z.boolean(),
  /** 没有明确主管部门: led by the first-inquiry department. */
  noCompetentDepartment: z.boolean(),
  coDepartments: z.array(z.object({ departmentId: idSchema, departmentName: z.string() })),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  refusalReasonText: z.string().nullable(),
  proposer: personRefSchema.nullable(),
  /** When the current approval form was proposed. */
  proposedAt: z.string().nullable(),
  decisions: z.array(caseDecisionSchema),
  /** Every round of the approval form, oldest first; the last one is the current form. */
  rounds: z.array(caseRoundSchema),
  workableSuggestion: z.string().nullable(),
  /** The reply letter's 文号 (〔2026〕12号), once the letter was first made; null before. */
  letterNumber: z.string().nullable(),
  /** Who holds each position of the department's chain now. */
  chain: z.object({
    firstResponders: z.array(personRefSchema),
    deptHead: personRefSchema.nullable(),
    leaderInCharge: personRefSchema.nullable(),
    principalLeader: personRefSchema.nullable(),
  }),
  /** The level the case waits at when nobody holds it or acts for it today (vacant), else null. */
  vacantLevel: z.union([z.literal(2), z.literal(3), z.literal(4)]).nullable(),
  facts: caseFactsSchema,
  clocks: caseClocksSchema,
  timeline: z.array(caseTimelineEntrySchema),
  version: versionSchema,
  /** What the person asking may do now: the web app shows exactly these. */
  abilities: z.object({
    actions: z.array(z.enum(CASE_ACTIONS)),
    decisions: z.array(z.enum(['resolvable', 'escalate', 'refuse'])),
    revealPhone: z.boolean(),
    /** The convener may invite participants now. */
    inviteToConsultation: z.boolean(),
    /** The lead's first responder or head may change the co-departments now. */
    changeCoDepartments: z.boolean(),
    /** Who the first responder may name as convener when requesting a consultation. */
    conveners: z.array(personRefSchema),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const revealPhoneResponseSchema = z.object({ phone: z.string() });
