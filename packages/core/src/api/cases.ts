// Cases (事项): registration, the approval form's decisions, and the actions on a case.
import { z } from 'zod';
import { idSchema, isoDateSchema, lineText, longText, personRefSchema, versionSchema } from './common.ts';
import { CASE_ACTIONS, CASE_OUTCOMES, CASE_STATES, REFUSAL_REASONS } from '../workflow/states.ts';

export const CHANNELS = ['visit', 'phone', 'letter', 'online', 'counter'] as const;
export const MATTER_TYPES = [
  'licensing',
  'service',
  'assigned',
  'petition',
  'complaint',
  'enquiry',
  'blockage',
  'breakpoint',
] as const;
export type MatterType = (typeof MATTER_TYPES)[number];
export const CASE_VIEWS = ['todo', 'mine', 'department', 'all'] as const;

/** One line (a name, a title): no control characters at all. */
const line = (max: number) => lineText().min(1).max(max);
const optionalLine = (max: number) => lineText().max(max).optional();
/** A text area (a description, an opinion, a record): tab and line breaks allowed. */
const text = (max: number) => longText().min(1).max(max);
const optionalText = (max: number) => longText().max(max).optional();
const phoneSchema = lineText().regex(/^[0-9+\- ]{5,20}$/, { message: 'phone' });
/** 统一社会信用代码: 18 characters of digits and upper-case letters (no I, O, S, V, Z). */
export const creditCodeSchema = lineText()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, { message: 'creditCode' });

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
});
export type RegisterCaseBody = z.input<typeof registerCaseBodySchema>;

export const caseActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('handOver'), toPersonId: idSchema, note: optionalText(1000) }),
  z.strictObject({ type: z.literal('closeDone'), note: text(5000) }),
  z.strictObject({ type: z.literal('giveOneTimeNotice'), notice: text(10000) }),
  z.strictObject({
    type: z.literal('proposeRefusal'),
    reason: z.enum(REFUSAL_REASONS),
    reasonText: text(5000),
  }),
  z.strictObject({
    type: z.literal('decide'),
    decision: z.enum(['resolvable', 'escalate', 'refuse']),
    opinion: text(5000),
    workableSuggestion: optionalText(5000),
  }),
  z.strictObject({ type: z.literal('requestConsultation'), proposal: text(5000) }),
  z.strictObject({
    type: z.literal('recordConsultation'),
    heldAt: z.iso.datetime({ offset: true }),
    participants: text(1000),
    conclusion: z.enum(['resolvable', 'notResolvable']),
    record: text(10000),
  }),
  // A phone reply must be recorded: when, the number called, who answered, what was said.
  z.discriminatedUnion('method', [
    z.strictObject({
      type: z.literal('recordReply'),
      method: z.literal('phone'),
      calledAt: z.iso.datetime({ offset: true }),
      phoneNumber: phoneSchema,
      answeredBy: line(100),
      content: text(5000),
    }),
    z.strictObject({ type: z.literal('recordReply'), method: z.literal('written'), content: text(10000) }),
  ]),
  z.strictObject({ type: z.literal('recordFeedback'), accepted: z.boolean(), text: optionalText(5000) }),
  z.strictObject({ type: z.literal('recordFollowUp'), note: text(5000) }),
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
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListQuerySchema = z.strictObject({
  view: z.enum(CASE_VIEWS).default('todo'),
  state: z.enum(CASE_STATES).optional(),
  /** Refusals whose reply is late, and open cases past their matter's time limit. */
  overdue: z.enum(['true', 'false']).optional(),
  /** The same, due by the end of the next working day (overdue ones included). */
  dueSoon: z.enum(['true', 'false']).optional(),
  matterType: z.enum(MATTER_TYPES).optional(),
  channel: z.enum(CHANNELS).optional(),
  departmentId: idSchema.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  q: lineText().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;

export const caseListSchema = z.object({
  items: z.array(caseSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CaseList = z.infer<typeof caseListSchema>;

export const caseDecisionSchema = z.object({
  level: z.number().int().min(2).max(4),
  decision: z.enum(['resolvable', 'escalate', 'refuse']),
  opinion: z.string(),
  person: personRefSchema,
  actingFor: personRefSchema.nullable(),
  byProposer: z.boolean(),
  decidedAt: z.string(),
});

export const caseTimelineEntrySchema = z.object({
  at: z.string(),
  type: z.string(),
  actor: personRefSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const caseDetailSchema = caseSummarySchema.extend({
  applicantKind: z.enum(['person', 'enterprise']),
  applicantCreditCode: z.string().nullable(),
  applicantAddress: z.string().nullable(),
  description: z.string(),
  crossDepartment: z.boolean(),
  coDepartments: z.array(z.object({ departmentId: idSchema, departmentName: z.string() })),
  refusalReason: z.enum(REFUSAL_REASONS).nullable(),
  refusalReasonText: z.string().nullable(),
  proposer: personRefSchema.nullable(),
  decisions: z.array(caseDecisionSchema),
  workableSuggestion: z.string().nullable(),
  /** Who holds each position of the department's chain now. */
  chain: z.object({
    firstResponders: z.array(personRefSchema),
    deptHead: personRefSchema.nullable(),
    leaderInCharge: personRefSchema.nullable(),
    principalLeader: personRefSchema.nullable(),
  }),
  timeline: z.array(caseTimelineEntrySchema),
  version: versionSchema,
  /** What the person asking may do now: the web app shows exactly these. */
  abilities: z.object({
    actions: z.array(z.enum(CASE_ACTIONS)),
    decisions: z.array(z.enum(['resolvable', 'escalate', 'refuse'])),
    revealPhone: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const revealPhoneResponseSchema = z.object({ phone: z.string() });
