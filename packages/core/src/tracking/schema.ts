// The routes of the applicant's own view: the public tracking page (by code, no session), the staff side
// of it on a case (the receipt, a new code, a rating given by phone) and the supervision office's flags.
import { z } from 'zod';
import { idSchema, isoDateSchema, lineText, longText } from '../shared/schema.ts';
import { CASE_OUTCOMES, REFUSAL_REASONS } from '../cases/states.ts';
import { caseDetailSchema } from '../cases/schema.ts';
import { SATISFACTION_RATINGS, SUPERVISION_FLAG_KINDS } from './rules.ts';

/** A code as typed: loosely (spaces, dashes, lower case); the service normalizes it. */
export const trackingCodeInputSchema = lineText().min(1).max(40);

/** The code travels in the body, never in the URL, so it stays out of access logs and history. */
export const trackingLookupBodySchema = z.strictObject({ code: trackingCodeInputSchema });

export const PUBLIC_STAGES = [
  'beingHandled',
  'underReview',
  'inConsultation',
  'resolving',
  'answering',
  'answered',
  'closed',
] as const;

export const publicCaseViewSchema = z.object({
  number: z.string(),
  matterTitle: z.string(),
  receivedAt: z.string(),
  /** The first responder's department: the only thing about staff the public page shows. */
  departmentName: z.string(),
  unitName: z.string(),
  stage: z.enum(PUBLIC_STAGES),
  /** The level the approval form waits at while under review (2 科室负责人, 3 分管领导, 4 主要领导). */
  level: z.number().int().min(2).max(4).nullable(),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  /** The matter's statutory due date, and after a final refusal the reply's. */
  dueDate: isoDateSchema.nullable(),
  replyDeadline: isoDateSchema.nullable(),
  /** Once the refusal was answered: why, and what the applicant can do instead (说“行”建议). */
  reply: z
    .object({
      reason: z.enum(REFUSAL_REASONS).nullable(),
      reasonText: z.string().nullable(),
      workableSuggestion: z.string().nullable(),
      repliedOn: isoDateSchema.nullable(),
    })
    .nullable(),
  answeredOn: isoDateSchema.nullable(),
  rating: z
    .object({ rating: z.enum(SATISFACTION_RATINGS), comment: z.string(), ratedAt: z.string() })
    .nullable(),
  reopenRequestedAt: z.string().nullable(),
  may: z.object({
    rate: z.boolean(),
    reopen: z.boolean(),
    reopenUntil: isoDateSchema.nullable(),
    reopenExpired: z.boolean(),
  }),
});
export type PublicCaseView = z.infer<typeof publicCaseViewSchema>;

export const ratingInputSchema = z.strictObject({
  rating: z.enum(SATISFACTION_RATINGS),
  comment: longText().max(1000).default(''),
});

export const publicRatingBodySchema = z.strictObject({
  code: trackingCodeInputSchema,
  rating: z.enum(SATISFACTION_RATINGS),
  comment: longText().max(1000).default(''),
});

export const publicReopenBodySchema = z.strictObject({
  code: trackingCodeInputSchema,
  reason: longText().min(1).max(1000),
});

/** The code, shown to staff once: at registration, or when a new one is issued. */
export const trackingCodeIssuedSchema = z.object({
  trackingCode: z.string(),
  issuedAt: z.string(),
  /** Whether an SMS with the code was queued, or recorded as skipped (no phone, or SMS not configured). */
  sms: z.enum(['queued', 'skipped']),
});
export type TrackingCodeIssued = z.infer<typeof trackingCodeIssuedSchema>;

/**
 * The registration's answer: the case page, and the receipt's code shown this once (absent from a replay
 * of the same request: the code is not kept anywhere in plain text).
 */
export const registeredCaseSchema = caseDetailSchema.extend({ receipt: trackingCodeIssuedSchema.optional() });
export type RegisteredCase = z.infer<typeof registeredCaseSchema>;

/** The receipt as DOCX: with the code when staff have it in hand (it is checked against the hash). */
export const receiptDocxBodySchema = z.strictObject({ code: trackingCodeInputSchema.optional() });

export const caseRatingSchema = z.object({
  id: idSchema,
  rating: z.enum(SATISFACTION_RATINGS),
  comment: z.string(),
  source: z.enum(['applicant', 'phone']),
  round: z.number().int(),
  ratedAt: z.string(),
  flagged: z.boolean(),
});

/** The staff side of tracking on the case page. */
export const caseTrackingSchema = z.object({
  codeIssuedAt: z.string().nullable(),
  answeredOn: isoDateSchema.nullable(),
  ratings: z.array(caseRatingSchema),
  reopenRequests: z.array(z.object({ requestedAt: z.string(), reason: z.string(), round: z.number() })),
  may: z.object({ reissue: z.boolean(), rate: z.boolean() }),
});
export type CaseTracking = z.infer<typeof caseTrackingSchema>;

export const supervisionFlagSchema = z.object({
  id: idSchema,
  caseId: idSchema,
  caseNumber: z.string(),
  matterTitle: z.string(),
  departmentName: z.string(),
  kind: z.enum(SUPERVISION_FLAG_KINDS),
  rating: z.enum(SATISFACTION_RATINGS).nullable(),
  comment: z.string(),
  flaggedAt: z.string(),
});
export type SupervisionFlag = z.infer<typeof supervisionFlagSchema>;
export const supervisionFlagListSchema = z.object({ items: z.array(supervisionFlagSchema) });
export type SupervisionFlagList = z.infer<typeof supervisionFlagListSchema>;
