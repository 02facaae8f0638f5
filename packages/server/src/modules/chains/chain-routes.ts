import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppError,
  chainHistorySchema,
  chainSchema,
  idSchema,
  isoDateSchema,
  rosterImportResultSchema,
  rosterQuerySchema,
  rosterSchema,
  setChainBodySchema,
} from '@bancheng/core';
import { todayOf, type AppContext } from '../../platform/context.ts';
import { contentDisposition } from '../../platform/http/content-disposition.ts';
import { readingMultipart } from '../../platform/http/multipart.ts';
import { guard } from '../auth/index.ts';
import { getChainHistory, getRoster, setChain } from './chain-service.ts';
import { buildRosterWorkbook } from './roster-xlsx.ts';
import { importRoster } from './roster-import.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';
import { langOf } from '../../platform/http/errors.ts';

const departmentParamsSchema = z.strictObject({ departmentId: idSchema });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function chainRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['responsibility chains'];
  r.get(
    '/api/chains',
    {
      schema: {
        tags,
        summary: 'The roster (Attachment 3) on a date',
        querystring: rosterQuerySchema,
        response: { 200: rosterSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request, 'roster.read');
      return getRoster(ctx, request.query.date ?? todayOf(ctx));
    },
  );
  r.get(
    '/api/chains/roster.xlsx',
    {
      schema: {
        tags,
        summary: 'The roster as XLSX in the layout of Attachment 3',
        querystring: rosterQuerySchema,
        produces: [XLSX_TYPE],
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await guard(ctx, request, 'roster.read');
      const date = request.query.date ?? todayOf(ctx);
      const roster = await getRoster(ctx, date);
      const file = await buildRosterWorkbook(roster, '说“不”事项提级管理四级责任链条责任人名单');
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition(`四级责任链条责任人名单-${date}.xlsx`, `roster-${date}.xlsx`),
        )
        .send(file);
    },
  );
  r.get(
    '/api/chains/:departmentId/history',
    {
      schema: {
        tags,
        params: departmentParamsSchema,
        response: { 200: chainHistorySchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request, 'roster.read');
      return getChainHistory(ctx, request.params.departmentId);
    },
  );
  r.put(
    '/api/chains/:departmentId',
    {
      schema: {
        tags,
        params: departmentParamsSchema,
        body: setChainBodySchema,
        response: { 200: chainSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'chains.manage');
      return setChain(ctx, actor, request.params.departmentId, request.body);
    },
  );
  r.post(
    '/api/chains/roster/import',
    {
      schema: {
        tags,
        summary: 'Import the roster XLSX (multipart: effectiveFrom, file); all rows or none',
        consumes: ['multipart/form-data'],
        response: { 200: rosterImportResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'chains.manage');
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      let effectiveFrom: string | undefined;
      let data: Buffer | undefined;
      await readingMultipart(async () => {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname === 'file') data = await part.toBuffer();
            else await part.toBuffer();
          } else if (part.fieldname === 'effectiveFrom') {
            effectiveFrom = String(part.value);
          }
        }
      });
      const fields: Record<string, string> = {};
      const date = isoDateSchema.safeParse(effectiveFrom);
      if (!date.success) fields['effectiveFrom'] = effectiveFrom ? 'invalid' : 'required';
      if (!data || data.length === 0) fields['file'] = 'required';
      if (!date.success || !data || data.length === 0) throw new AppError('VALIDATION_FAILED', { fields });
      return importRoster(ctx, actor, { data, effectiveFrom: date.data, lang: langOf(request) });
    },
  );
}
