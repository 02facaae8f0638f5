// The routes of the supervision ledger: the public report API (challenge, submission, status by code) and
// the staff ledger under /api/ledger. The department ordered to act has its own schemas (`order…`), which
// have no field for the reporter at all: not a masked field of the office's view, a different shape.
import { z } from 'zod';
import {
  idSchema,
  isoDateSchema,
  keysetPageOf,
  lineText,
  longText,
  personRefSchema,
  phoneText,
} from '../shared/schema.ts';
import { LIGHTS } from '../cases/clocks.ts';
import { CASE_STATES } from '../cases/states.ts';
import {
  MAX_ORDER_WORKDAYS,
  ORDER_STATES,
  PUBLIC_REPORT_STAGES,
  REFERRAL_STATES,
  REGISTERED_SOURCES,
  REPORT_ACTIONS,
  REPORT_OUTCOMES,
  REPORT_ROLES,
  REPORT_SOURCES,
  REPORT_STATES,
  TRIAGE_DECISIONS,
} from './states.ts';

export const REPORT_TEXT_MAX = 5000;
export const REPORT_NOTE_MAX = 2000;

/** What the reporter tells (shared by the public form and the office's registration). */
const reportMatterFields = {
  what: longText().min(1).max(REPORT_TEXT_MAX),
  unitId: idSchema,
  departmentId: idSchema.optional(),
  counter: lineText().max(100).optional(),
  happenedOn: isoDateSchema.optional(),
  caseTrackingCode: lineText().max(40).optional(),
  name: lineText().max(50).optional(),
  phone: phoneText().optional(),
  wantsSms: z.boolean().default(false),
};

// ---- Public API (/api/public/…) ----

/** An ALTCHA challenge (altcha-lib `createChallenge`), for the widget on the report form. */
export const altchaChallengeSchema = z.object({
  algorithm: z.string(),
  challenge: z.string(),
  maxnumber: z.number().int().optional(),
  salt: z.string(),
  signature: z.string(),
});
export type AltchaChallenge = z.infer<typeof altchaChallengeSchema>;

/** The `report` part of the multipart submission, as JSON text. */
export const publicReportInputSchema = z.strictObject({
  ...reportMatterFields,
  /** The reporter accepted the statement of how personal data is used (PIPL). */
  consent: z.literal(true),
  language: z.enum(['zh', 'en']).default('zh'),
});
export type PublicReportInput = z.infer<typeof publicReportInputSchema>;

/** The answer to a submission: the code, shown this once (only its hash is kept). */
export const publicReportReceiptSchema = z.object({
  code: z.string(),
  receivedAt: z.string(),
  /** Whether an SMS with the code was queued (a phone was given, asked for, and SMS is configured). */
  smsSent: z.boolean(),
});
export type PublicReportReceipt = z.infer<typeof publicReportReceiptSchema>;

/** The code travels in the body, never in the URL. */
export const publicReportStatusBodySchema = z.strictObject({ code: lineText().min(1).max(40) });

export const publicReportViewSchema = z.object({
  stage: z.enum(PUBLIC_REPORT_STAGES),
  receivedAt: z.string(),
  what: z.string(),
  unitName: z.string(),
  departmentName: z.string().optional(),
  counter: z.string().optional(),
  happenedOn: isoDateSchema.optional(),
  attachmentCount: z.number().int(),
  /** The office's public answer: the out-of-scope explanation, or the reply. */
  reply: z.object({ text: z.string(), repliedAt: z.string() }).optional(),
});
export type PublicReportView = z.infer<typeof publicReportViewSchema>;

// ---- Staff ledger (/api/ledger/…) ----

export const reportAttachmentSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** Null: the reporter's own file from the public form. */
  uploadedBy: personRefSchema.nullable(),
  uploadedAt: z.string(),
});
export type ReportAttachment = z.infer<typeof reportAttachmentSchema>;

export const linkedCaseSchema = z.object({
  caseId: idSchema,
  number: z.string(),
  state: z.enum(CASE_STATES),
  matterTitle: z.string(),
  departmentName: z.string(),
  linkedAt: z.string(),
});
export type LinkedCase = z.infer<typeof linkedCaseSchema>;

/** An order's clock: due in working days from the day it was issued; yellow the day before, red after. */
const orderClockFields = {
  dueWorkdays: z.number().int(),
  dueDate: isoDateSchema,
  light: z.enum(LIGHTS).nullable(),
  dueSoon: z.boolean(),
  overdue: z.boolean(),
};

export const orderAnswerSchema = z.object({
  text: z.string(),
  answeredBy: personRefSchema,
  answeredAt: z.string(),
});

export const orderVerificationSchema = z.object({
  accepted: z.boolean(),
  reason: z.string().nullable(),
  verifiedBy: personRefSchema,
  verifiedAt: z.string(),
});

export const supervisionOrderSchema = z.object({
  id: idSchema,
  reportId: idSchema,
  departmentId: idSchema,
  departmentName: z.string(),
  unitName: z.string(),
  instructions: z.string(),
  state: z.enum(ORDER_STATES),
  issuedBy: personRefSchema,
  issuedAt: z.string(),
  ...orderClockFields,
  /** Every answer and every verification, oldest first (a send-back is followed by a new answer). */
  answers: z.array(orderAnswerSchema),
  verifications: z.array(orderVerificationSchema),
  attachments: z.array(reportAttachmentSchema),
});
export type SupervisionOrder = z.infer<typeof supervisionOrderSchema>;

export const referralSchema = z.object({
  id: idSchema,
  reportId: idSchema,
  state: z.enum(REFERRAL_STATES),
  note: z.string(),
  referredBy: personRefSchema,
  referredAt: z.string(),
  finding: z
    .object({
      substantiated: z.boolean(),
      notes: z.string(),
      /** The accountability discipline inspection decided (free text until the checks issue adds records). */
      accountability: z.string().nullable(),
      foundBy: personRefSchema,
      foundAt: z.string(),
    })
    .nullable(),
});
export type Referral = z.infer<typeof referralSchema>;

/** The reporter as the office sees the record before a reveal: masked name, whether a phone was given. */
export const maskedReporterSchema = z.object({
  anonymous: z.boolean(),
  maskedName: z.string(),
  hasPhone: z.boolean(),
  wantsSms: z.boolean(),
});

/** One line of the ledger (office, overseeing office, discipline inspection). */
export const reportSummarySchema = z.object({
  id: idSchema,
  /** 台账 number, e.g. DB-2026-0001. */
  number: z.string(),
  state: z.enum(REPORT_STATES),
  outcome: z.enum(REPORT_OUTCOMES).nullable(),
  source: z.enum(REPORT_SOURCES),
  receivedAt: z.string(),
  what: z.string(),
  unitId: idSchema,
  unitName: z.string(),
  departmentId: idSchema.nullable(),
  departmentName: z.string().nullable(),
  counter: z.string().nullable(),
  reporter: maskedReporterSchema,
  triage: z.enum(TRIAGE_DECISIONS).nullable(),
  /** The worst light of its open orders. */
  light: z.enum(LIGHTS).nullable(),
  overdue: z.boolean(),
  openOrders: z.number().int(),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

export const reportListQuerySchema = z.strictObject({
  state: z.enum(REPORT_STATES).optional(),
  source: z.enum(REPORT_SOURCES).optional(),
  unitId: idSchema.optional(),
  departmentId: idSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: lineText().max(100).optional(),
  cursor: z.string().max(200).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReportListQuery = z.input<typeof reportListQuerySchema>;

export const reportListSchema = keysetPageOf(reportSummarySchema);
export type ReportList = z.infer<typeof reportListSchema>;

/** The XLSX export takes the list's filters (no paging). */
export const reportExportQuerySchema = reportListQuerySchema.omit({ cursor: true, pageSize: true });

/** One report's page for the office, the overseeing office and discipline inspection. */
export const reportDetailSchema = reportSummarySchema.extend({
  happenedOn: isoDateSchema.nullable(),
  caseTrackingCode: z.string().nullable(),
  registeredBy: personRefSchema.nullable(),
  publicAnswer: z.object({ text: z.string(), answeredAt: z.string() }).nullable(),
  reply: z.object({ text: z.string(), repliedAt: z.string(), smsQueued: z.boolean() }).nullable(),
  /** The case flag it was raised from (source rating / feedback). */
  flagCaseId: idSchema.nullable(),
  attachments: z.array(reportAttachmentSchema),
  linkedCases: z.array(linkedCaseSchema),
  orders: z.array(supervisionOrderSchema),
  referral: referralSchema.nullable(),
  /** The reader's roles on the report, and the actions open to them now (computed in core). */
  roles: z.array(z.enum(REPORT_ROLES)),
  actions: z.array(z.enum(REPORT_ACTIONS)),
  version: z.number().int(),
});
export type ReportDetail = z.infer<typeof reportDetailSchema>;

/** The office registers a report from a phone call, a letter or a visit. */
export const registerReportInputSchema = z.strictObject({
  ...reportMatterFields,
  source: z.enum(REGISTERED_SOURCES),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type RegisterReportInput = z.infer<typeof registerReportInputSchema>;

/** The registration's answer: the page, and the code this once (to tell the reporter). */
export const registeredReportSchema = z.object({
  report: reportDetailSchema,
  receipt: publicReportReceiptSchema.optional(),
});

export const triageInputSchema = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('inScope'), note: longText().max(REPORT_NOTE_MAX).optional() }),
  z.strictObject({
    decision: z.literal('outOfScope'),
    /** The explanation (答疑解惑) published on the status page. */
    publicAnswer: longText().min(1).max(REPORT_TEXT_MAX),
    sendSms: z.boolean().default(false),
  }),
]);
export type TriageInput = z.infer<typeof triageInputSchema>;

export const linkCaseInputSchema = z.strictObject({ caseId: idSchema });
export const reportCaseParamsSchema = z.strictObject({ id: idSchema, caseId: idSchema });
export const reportAttachmentParamsSchema = z.strictObject({ id: idSchema, attachmentId: idSchema });

/** Cases to link: the case list search (number, applicant) within the reader's scope. */
export const caseSearchQuerySchema = z.strictObject({
  q: lineText().max(100).optional(),
  departmentId: idSchema.optional(),
});
export const caseSearchResultSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      number: z.string(),
      state: z.enum(CASE_STATES),
      matterTitle: z.string(),
      applicantName: z.string(),
      departmentName: z.string(),
      receivedAt: z.string(),
    }),
  ),
});

export const superviseInputSchema = z.strictObject({
  departmentId: idSchema,
  instructions: longText().min(1).max(REPORT_NOTE_MAX),
  dueWorkdays: z.number().int().min(1).max(MAX_ORDER_WORKDAYS),
});
export type SuperviseInput = z.infer<typeof superviseInputSchema>;

export const orderAnswerInputSchema = z.strictObject({ text: longText().min(1).max(REPORT_TEXT_MAX) });

export const orderVerifyInputSchema = z.discriminatedUnion('accept', [
  z.strictObject({ accept: z.literal(true) }),
  z.strictObject({ accept: z.literal(false), reason: longText().min(1).max(REPORT_NOTE_MAX) }),
]);
export type OrderVerifyInput = z.infer<typeof orderVerifyInputSchema>;

export const replyInputSchema = z.strictObject({
  text: longText().min(1).max(REPORT_TEXT_MAX),
  /** Send the reply by SMS (only when the reporter gave a phone and asked for SMS). */
  sendSms: z.boolean().default(false),
});

export const referralInputSchema = z.strictObject({ note: longText().min(1).max(REPORT_NOTE_MAX) });

export const findingInputSchema = z.strictObject({
  substantiated: z.boolean(),
  notes: longText().min(1).max(REPORT_TEXT_MAX),
  accountability: longText().max(REPORT_NOTE_MAX).nullable().default(null),
});

/** The reporter revealed (audited). */
export const revealedReporterSchema = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

// ---- The department ordered to act: no reporter anywhere ----

/** The matter as the department sees it: what, where, when, materials, linked cases — not who. */
export const orderReportViewSchema = z.object({
  id: idSchema,
  number: z.string(),
  receivedAt: z.string(),
  what: z.string(),
  unitName: z.string(),
  departmentName: z.string().nullable(),
  counter: z.string().nullable(),
  happenedOn: isoDateSchema.nullable(),
  attachments: z.array(reportAttachmentSchema),
  linkedCases: z.array(linkedCaseSchema),
});

export const orderTaskSchema = z.object({
  id: idSchema,
  reportNumber: z.string(),
  departmentName: z.string(),
  state: z.enum(ORDER_STATES),
  issuedAt: z.string(),
  instructions: z.string(),
  ...orderClockFields,
});
export type OrderTask = z.infer<typeof orderTaskSchema>;

export const orderTaskListSchema = z.object({ items: z.array(orderTaskSchema) });

/** One order's page for the department head it is addressed to. */
export const orderDetailSchema = z.object({
  order: supervisionOrderSchema,
  report: orderReportViewSchema,
  /** May answer now (open, and the reader heads the department). */
  mayAnswer: z.boolean(),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

// ---- Discipline inspection: its referrals ----

export const referralTaskSchema = z.object({
  id: idSchema,
  reportId: idSchema,
  reportNumber: z.string(),
  unitName: z.string(),
  state: z.enum(REFERRAL_STATES),
  referredAt: z.string(),
  note: z.string(),
});
export const referralTaskListSchema = z.object({ items: z.array(referralTaskSchema) });
