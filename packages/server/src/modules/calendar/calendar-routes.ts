import type { FastifyInstance } from 'fastify';
import {
  AppError,
  calendarYearDetailSchema,
  calendarYearListSchema,
  calendarStatusSchema,
  calendarYearParamsSchema,
  dueDateQuerySchema,
  dueDateResponseSchema,
  workdayCountQuerySchema,
  workdayCountResponseSchema,
  yearScheduleBodySchema,
} from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { readingMultipart } from '../../platform/http/multipart.ts';
import { guard } from '../auth/index.ts';
import {
  computeDueDate,
  countWorkdays,
  getCalendarStatus,
  getYear,
  importYearSchedule,
  listYears,
  putYearSchedule,
} from './calendar-service.ts';
import { langOf } from '../../platform/http/errors.ts';
import { errorResponses, typed } from '../../platform/http/routes.ts';

export function calendarRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = typed(app);
  const tags = ['calendar'];
  r.get(
    '/api/calendar/due',
    {
      schema: {
        tags,
        summary: 'The deadline N working days after a date (public; the day itself is not counted)',
        querystring: dueDateQuerySchema,
        response: { 200: dueDateResponseSchema, ...errorResponses },
      },
    },
    async (request) => computeDueDate(ctx, request.query),
  );
  r.get(
    '/api/calendar/workdays',
    {
      schema: {
        tags,
        summary: 'Working days d with from < d ≤ to (public)',
        querystring: workdayCountQuerySchema,
        response: { 200: workdayCountResponseSchema, ...errorResponses },
      },
    },
    async (request) => countWorkdays(ctx, request.query),
  );
  r.get(
    '/api/calendar/status',
    {
      schema: {
        tags,
        summary:
          'The years whose schedule should be loaded by today and is not (this year; next year from 1 November)',
        response: { 200: calendarStatusSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request);
      return getCalendarStatus(ctx);
    },
  );
  r.get(
    '/api/calendar/years',
    {
      schema: {
        tags,
        summary: 'The years whose State Council schedule is loaded',
        response: { 200: calendarYearListSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request);
      return listYears(ctx);
    },
  );
  r.get(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        params: calendarYearParamsSchema,
        response: { 200: calendarYearDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      await guard(ctx, request);
      return getYear(ctx, request.params.year);
    },
  );
  r.put(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        summary: "Set a year's schedule from the State Council's notice (replaces the whole year)",
        params: calendarYearParamsSchema,
        body: yearScheduleBodySchema,
        response: { 200: calendarYearDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'calendar.manage');
      return putYearSchedule(ctx, actor, request.params.year, request.body, { lang: langOf(request) });
    },
  );
  r.post(
    '/api/calendar/years/:year/import',
    {
      schema: {
        tags,
        summary:
          "Import a year's schedule (multipart: file, CSV lines date,kind,name with kind 休/班); all rows or none",
        consumes: ['multipart/form-data'],
        params: calendarYearParamsSchema,
        response: { 200: calendarYearDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { actor } = await guard(ctx, request, 'calendar.manage');
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      let data: Buffer | undefined;
      await readingMultipart(async () => {
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          const content = await part.toBuffer();
          if (part.fieldname === 'file') data = content;
        }
      });
      if (!data || data.length === 0)
        throw new AppError('VALIDATION_FAILED', { fields: { file: 'required' } });
      return importYearSchedule(ctx, actor, request.params.year, data, langOf(request));
    },
  );
}
