// The staff ledger under /api/ledger: every route goes through `guard`, and the service decides the
// person's roles on the report (core `reportRolesOf`); anyone without one gets 404.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  caseSearchQuerySchema,
  caseSearchResultSchema,
  findingInputSchema,
  idParamsSchema,
  idempotencyHeadersSchema,
  linkCaseInputSchema,
  orderAnswerInputSchema,
  orderDetailSchema,
  orderTaskListSchema,
  orderVerifyInputSchema,
  referralInputSchema,
  referralTaskListSchema,
  registerReportInputSchema,
  registeredReportSchema,
  replyInputSchema,
  reportAttachmentParamsSchema,
  reportAttachmentSchema,
  reportCaseParamsSchema,
  reportDetailSchema,
  reportExportQuerySchema,
  reportListQuerySchema,
  reportListSchema,
  revealedReporterSchema,
  superviseInputSchema,
  triageInputSchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { readingMultipart } from '../../platform/http/multipart.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { answerOnce } from '../../platform/idempotency/idempotency.ts';
import { guard } from '../auth/index.ts';
import { listCases } from '../cases/index.ts';
import {
  addOrderMaterial,
  addReportMaterial,
  openOrderAttachment,
  openReportAttachment,
  type IncomingFile,
} from './ledger-attachments.ts';
import { ledgerXlsx, reportDocx } from './ledger-documents.ts';
import {
  answerOrder,
  linkCase,
  recordReferralFinding,
  referToDiscipline,
  replyToReporter,
  revealReporter,
  superviseReport,
  triageReport,
  unlinkCase,
  verifyOrder,
} from './ledger-service.ts';
import { getOrderDetail, listOrderTasks, listReferralTasks } from './ledger-tasks.ts';
import { registerReport } from './report-intake.ts';
import { getReportDetail, listLedger, type LedgerActor } from './report-reading.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const orderAttachmentParamsSchema = z.strictObject({
  id: z.string().min(1).max(64),
  attachmentId: z.string().min(1).max(64),
});

function download(reply: FastifyReply, a: { fileName: string; size: number }, stream: NodeJS.ReadableStream) {
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', contentDisposition(a.fileName))
    .header('content-length', a.size)
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}

export function ledgerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['ledger'];
  const sandbox = {
    onSend: async (_request: unknown, reply: FastifyReply) => {
      reply.header('content-security-policy', "default-src 'none'; sandbox");
    },
  };

  const actorOf = async (request: Parameters<typeof guard>[1], permission?: Parameters<typeof guard>[2]) => {
    const { actor, auth, subject } = await guard(ctx, request, permission);
    const a: LedgerActor = { ...actor, personId: auth.person.id, subject };
    return a;
  };

  r.get(
    '/api/ledger/reports',
    {
      schema: {
        tags,
        summary: 'The ledger (台账): reports the office handles or oversees, newest first (keyset pages)',
        querystring: reportListQuerySchema,
        response: { 200: reportListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request, 'ledger.read');
      return listLedger(ctx, subject, request.query);
    },
  );
  r.post(
    '/api/ledger/reports',
    {
      schema: {
        tags,
        summary: 'Register a report from a phone call, a letter or a visit (the office that handles it)',
        headers: idempotencyHeadersSchema,
        body: registerReportInputSchema,
        response: { 201: registeredReportSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request, 'ledger.register');
      return answerOnce(ctx, request, reply, {
        personId: actor.personId,
        status: 201,
        perform: (claim) => registerReport(ctx, actor, request.body, claim),
      });
    },
  );
  r.get(
    '/api/ledger/reports/:id',
    {
      schema: {
        tags,
        summary: "One report's full record, with the actions open to you (offices and discipline inspection)",
        params: idParamsSchema,
        response: { 200: reportDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return getReportDetail(ctx, subject, request.params.id);
    },
  );

  const reportAction = <S extends z.ZodType>(
    path: string,
    summary: string,
    body: S,
    perform: (
      actor: LedgerActor,
      id: string,
      body: z.output<S>,
      claim: Parameters<typeof triageReport>[4],
    ) => Promise<unknown>,
  ) =>
    r.post(
      path,
      {
        schema: {
          tags,
          summary,
          params: idParamsSchema,
          headers: idempotencyHeadersSchema,
          body,
          response: { 200: reportDetailSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = await actorOf(request);
        return answerOnce(ctx, request, reply, {
          personId: actor.personId,
          status: 200,
          perform: (claim) => perform(actor, request.params.id, request.body as z.output<S>, claim),
        });
      },
    );

  reportAction(
    '/api/ledger/reports/:id/triage',
    'Preliminary assessment (初步研判): in scope → the ledger; out of scope → explained (答疑解惑) and closed',
    triageInputSchema,
    (actor, id, body, claim) => triageReport(ctx, actor, id, body, claim),
  );
  reportAction(
    '/api/ledger/reports/:id/cases',
    'Link a case concerned (one the office reads)',
    linkCaseInputSchema,
    (actor, id, body, claim) => linkCase(ctx, actor, id, body.caseId, claim),
  );
  reportAction(
    '/api/ledger/reports/:id/orders',
    'Issue a supervision order (督办单) to a department, due in working days',
    superviseInputSchema,
    (actor, id, body, claim) => superviseReport(ctx, actor, id, body, claim),
  );
  reportAction(
    '/api/ledger/reports/:id/reply',
    'The reply to the reporter (shown on the status page; SMS when asked) — closes the report',
    replyInputSchema,
    (actor, id, body, claim) => replyToReporter(ctx, actor, id, body, claim),
  );
  reportAction(
    '/api/ledger/reports/:id/referral',
    'Refer to discipline inspection (移送纪检) with the materials and linked cases',
    referralInputSchema,
    (actor, id, body, claim) => referToDiscipline(ctx, actor, id, body, claim),
  );

  r.delete(
    '/api/ledger/reports/:id/cases/:caseId',
    {
      schema: {
        tags,
        summary: 'Unlink a case',
        params: reportCaseParamsSchema,
        response: { 200: reportDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorOf(request);
      return unlinkCase(ctx, actor, request.params.id, request.params.caseId);
    },
  );
  r.post(
    '/api/ledger/reports/:id/reveal',
    {
      schema: {
        tags,
        summary: "The reporter's name and phone: the handling office and discipline inspection (audited)",
        params: idParamsSchema,
        response: { 200: revealedReporterSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = await actorOf(request);
      return revealReporter(ctx, actor, request.params.id);
    },
  );
  r.get(
    '/api/ledger/case-search',
    {
      schema: {
        tags,
        summary: 'Cases to link: by number, applicant or department, within the cases you read',
        querystring: caseSearchQuerySchema,
        response: { 200: caseSearchResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request, 'ledger.read');
      const page = await listCases(ctx, subject, {
        view: 'all',
        pageSize: 20,
        ...(request.query.q && { q: request.query.q }),
        ...(request.query.departmentId && { departmentId: request.query.departmentId }),
      });
      return {
        items: page.items.map((c) => ({
          id: c.id,
          number: c.number,
          state: c.state,
          matterTitle: c.matterTitle,
          applicantName: c.applicantName,
          departmentName: c.departmentName,
          receivedAt: c.receivedAt,
        })),
      };
    },
  );

  r.post(
    '/api/ledger/reports/:id/attachments',
    {
      schema: {
        tags,
        summary: 'Add a material to the report (multipart field `file`; checked by content)',
        params: idParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: reportAttachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const attachment = await readingMultipart(() =>
        addReportMaterial(ctx, actor, request.params.id, () => fileOf(request)),
      );
      return reply.status(201).send(attachment);
    },
  );
  r.get(
    '/api/ledger/reports/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: "Download a report's file (always as a file to save)",
        params: reportAttachmentParamsSchema,
        produces: ['application/octet-stream'],
        response: { 200: z.any(), ...errorResponses },
      },
      ...sandbox,
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      const { attachment, stream } = await openReportAttachment(ctx, subject, {
        reportId: request.params.id,
        attachmentId: request.params.attachmentId,
      });
      return download(reply, attachment, stream);
    },
  );

  // ---- The department ordered to act ----
  r.get(
    '/api/ledger/orders',
    {
      schema: {
        tags,
        summary: 'Supervision orders to the departments you head (your to-do), newest first',
        response: { 200: orderTaskListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request, 'ledger.orders');
      return listOrderTasks(ctx, subject);
    },
  );
  r.get(
    '/api/ledger/orders/:id',
    {
      schema: {
        tags,
        summary: 'One supervision order and the matter it is about (never who reported it)',
        params: idParamsSchema,
        response: { 200: orderDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request);
      return getOrderDetail(ctx, subject, request.params.id);
    },
  );
  r.post(
    '/api/ledger/orders/:id/answer',
    {
      schema: {
        tags,
        summary: "The department head's answer: what was done (files added before, to the order)",
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: orderAnswerInputSchema,
        response: { 200: orderDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request);
      return answerOnce(ctx, request, reply, {
        personId: actor.personId,
        status: 200,
        perform: (claim) => answerOrder(ctx, actor, request.params.id, request.body, claim),
      });
    },
  );
  r.post(
    '/api/ledger/orders/:id/attachments',
    {
      schema: {
        tags,
        summary: "Add a file to the department's answer (multipart field `file`), while the order is open",
        params: idParamsSchema,
        consumes: ['multipart/form-data'],
        response: { 201: reportAttachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const attachment = await readingMultipart(() =>
        addOrderMaterial(ctx, actor, request.params.id, () => fileOf(request)),
      );
      return reply.status(201).send(attachment);
    },
  );
  r.get(
    '/api/ledger/orders/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: "Download a file of the order's matter (the department head)",
        params: orderAttachmentParamsSchema,
        produces: ['application/octet-stream'],
        response: { 200: z.any(), ...errorResponses },
      },
      ...sandbox,
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      const { attachment, stream } = await openOrderAttachment(ctx, subject, {
        orderId: request.params.id,
        attachmentId: request.params.attachmentId,
      });
      return download(reply, attachment, stream);
    },
  );
  r.post(
    '/api/ledger/orders/:id/verify',
    {
      schema: {
        tags,
        summary: "The office verifies the department's answer: accept, or send back with a reason",
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: orderVerifyInputSchema,
        response: { 200: reportDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request);
      return answerOnce(ctx, request, reply, {
        personId: actor.personId,
        status: 200,
        perform: (claim) => verifyOrder(ctx, actor, request.params.id, request.body, claim),
      });
    },
  );

  // ---- Discipline inspection ----
  r.get(
    '/api/ledger/referrals',
    {
      schema: {
        tags,
        summary: 'Referrals to you (移送纪检), newest first: discipline inspection',
        response: { 200: referralTaskListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { subject } = await guard(ctx, request, 'ledger.referrals');
      return listReferralTasks(ctx, subject);
    },
  );
  r.post(
    '/api/ledger/referrals/:id/finding',
    {
      schema: {
        tags,
        summary: "Discipline inspection's finding: substantiated or not, notes, the accountability decided",
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: findingInputSchema,
        response: { 200: reportDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = await actorOf(request);
      return answerOnce(ctx, request, reply, {
        personId: actor.personId,
        status: 200,
        perform: (claim) => recordReferralFinding(ctx, actor, request.params.id, request.body, claim),
      });
    },
  );

  // ---- Exports ----
  r.get(
    '/api/ledger/export.xlsx',
    {
      schema: {
        tags,
        summary:
          'The ledger as XLSX (序号, 受理时间, 来源, 反映人 masked, 反映事项, …), with the list’s filters',
        querystring: reportExportQuerySchema,
        produces: [XLSX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request, 'ledger.read');
      const file = await ledgerXlsx(ctx, subject, request.query);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition('督查台账.xlsx', 'ledger.xlsx'))
        .send(file);
    },
  );
  r.get(
    '/api/ledger/reports/:id/record.docx',
    {
      schema: {
        tags,
        summary: "One report's full record as DOCX (the reporter masked)",
        params: idParamsSchema,
        produces: [DOCX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { subject } = await guard(ctx, request);
      const { file, number } = await reportDocx(ctx, subject, request.params.id);
      return reply
        .header('content-type', DOCX_TYPE)
        .header('content-disposition', contentDisposition(`反映记录-${number}.docx`, `report-${number}.docx`))
        .send(file);
    },
  );
}

async function fileOf(request: Parameters<typeof guard>[1]): Promise<IncomingFile> {
  const part = await request.file({ limits: { files: 1 } });
  if (!part || part.fieldname !== 'file') {
    throw new AppError('VALIDATION_FAILED', { fields: { file: 'required' } });
  }
  return { fileName: part.filename, stream: part.file };
}
