// Turns every failure into the one error envelope {"error":{code,message,fields?,details?}}.
// Bad input is a 4xx with field errors; only a bug is a 500, and its detail stays in the log.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  describeValidationIssue,
  errorMessage,
  errorStatus,
  fieldMessage,
  type ErrorCode,
  type Lang,
} from '@bancheng/core';
import { unavailableCause, uniqueViolationError } from '../db/database-errors.ts';

/** How long a client should wait before trying again while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function langOf(request: FastifyRequest): Lang {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && /^\s*en/i.test(header) ? 'en' : 'zh';
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

export function sendError(
  reply: FastifyReply,
  lang: Lang,
  code: ErrorCode,
  extra: { fields?: Record<string, string> | undefined; details?: Record<string, unknown> | undefined } = {},
): FastifyReply {
  const body: { error: Record<string, unknown> } = { error: { code, message: errorMessage(code, lang) } };
  if (extra.fields && Object.keys(extra.fields).length > 0) body.error['fields'] = extra.fields;
  if (extra.details) body.error['details'] = extra.details;
  if (code === 'ACCOUNT_LOCKED' || code === 'ADDRESS_LOCKED' || code === 'TRACKING_BUSY') {
    const until = extra.details?.['lockedUntil'];
    if (typeof until === 'string') {
      const now = reply.server.clock.now().getTime();
      reply.header('retry-after', Math.max(1, Math.ceil((Date.parse(until) - now) / 1000)));
    }
  }
  if (code === 'SIGN_IN_BUSY') reply.header('retry-after', 1);
  if (code === 'DATABASE_UNAVAILABLE') reply.header('retry-after', DATABASE_RETRY_AFTER_SECONDS);
  return reply.status(errorStatus(code)).type('application/json; charset=utf-8').send(body);
}

export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const lang = langOf(request);
  // A unique violation is another writer's row arriving between the service's check and its insert.
  const appError = error instanceof AppError ? error : uniqueViolationError(error);
  if (appError) {
    const fields = appError.fields
      ? Object.fromEntries(Object.entries(appError.fields).map(([k, v]) => [k, fieldMessage(v, lang)]))
      : undefined;
    return sendError(reply, lang, appError.code, { fields, details: appError.details });
  }
  const unavailable = unavailableCause(error);
  if (unavailable) {
    request.log.error(
      { err: error, cause: unavailable.cause },
      `database unavailable (${unavailable.cause}); answered 503`,
    );
    return sendError(reply, lang, 'DATABASE_UNAVAILABLE');
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const base = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean);
      const params = issue.params as Record<string, unknown>;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(params['keys'])) {
        for (const key of params['keys'] as string[]) {
          fields[[...base, key].join('.')] = describeValidationIssue('unrecognized_keys', params, lang);
        }
      } else {
        const path = base.join('.') || (error.validationContext ?? 'body');
        fields[path] ??= describeValidationIssue(issue.keyword, params, lang);
      }
    }
    return sendError(reply, lang, 'VALIDATION_FAILED', { fields });
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return sendError(reply, lang, mapped);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 415) return sendError(reply, lang, 'UNSUPPORTED_MEDIA_TYPE');
    if (error.statusCode === 413) return sendError(reply, lang, 'PAYLOAD_TOO_LARGE');
    if (error.statusCode === 404) return sendError(reply, lang, 'NOT_FOUND');
    return sendError(reply, lang, 'BAD_REQUEST');
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, lang, 'INTERNAL');
}
