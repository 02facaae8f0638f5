// The public report API: the ALTCHA challenge (its HMAC key kept in the database, so every server process
// signs and checks with the same), the submission (limited per client address in the database, the
// challenge checked before any file is read, up to 5 files checked by content as case attachments are),
// and the status page by code (one answer for every wrong code, compared in constant time, rate limited).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import {
  AppError,
  ATTACHMENT_TYPES,
  MAX_PUBLIC_REPORT_FILES,
  formatReportCode,
  normalizeReportCode,
  publicReportInputSchema,
  publicReportStageOf,
  type AltchaChallenge,
  type AttachmentMediaType,
  type Lang,
  type PublicReportReceipt,
  type PublicReportView,
} from '@bancheng/core';
import { clockOf, nowIsoOf, type AppContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { attachmentFileName } from '../cases/index.ts';
import { discardFile, keepFile, receiveFile, sniffMediaType, type ReceivedFile } from '../cases/index.ts';
import {
  countAttachments,
  findReportByHash,
  findSecret,
  insertReportAttachment,
  insertSecretOnce,
  publicThrottleOf,
  spendChallenge,
  takePublicSlot,
} from './ledger-repository.ts';
import { insertNewReport, placeOfReport, smsToReporter } from './report-intake.ts';
import { hashReportCode } from './report-reading.ts';
import { validationFieldsOf } from './validation.ts';

/** Reports one client address may submit in a window. */
export const REPORTS_PER_ADDRESS = 5;
export const REPORT_WINDOW_MINUTES = 60;
/** Wrong codes one address may try in a window on the status page (as the tracking page). */
export const STATUS_FAILURES_PER_ADDRESS = 10;
export const STATUS_WINDOW_MINUTES = 15;
/** The proof of work: the largest number the browser may have to try (about a second on a phone). */
export const CHALLENGE_MAX_NUMBER = 50_000;
export const CHALLENGE_MINUTES = 20;

const HMAC_KEY_NAME = 'altcha.hmacKey';

async function hmacKeyOf(ctx: AppContext): Promise<string> {
  const db = ctx.database.db;
  const found = await findSecret(db, HMAC_KEY_NAME);
  if (found) return found;
  await insertSecretOnce(db, {
    name: HMAC_KEY_NAME,
    value: randomBytes(32).toString('hex'),
    created_at: nowIsoOf(ctx),
  });
  const kept = await findSecret(db, HMAC_KEY_NAME);
  if (!kept) throw new Error('the ALTCHA key was not kept');
  return kept;
}

export async function newChallenge(ctx: AppContext): Promise<AltchaChallenge> {
  const expires = new Date(clockOf(ctx).getTime() + CHALLENGE_MINUTES * 60_000);
  const c = await createChallenge({
    hmacKey: await hmacKeyOf(ctx),
    maxnumber: CHALLENGE_MAX_NUMBER,
    expires,
  });
  return {
    algorithm: c.algorithm,
    challenge: c.challenge,
    maxnumber: c.maxnumber,
    salt: c.salt,
    signature: c.signature,
  };
}

/** Checks a solved challenge and spends it (one report per solution). */
async function checkChallenge(ctx: AppContext, payload: string | undefined): Promise<void> {
  if (!payload || payload.length > 2000) throw new AppError('CHALLENGE_FAILED');
  let ok: boolean;
  try {
    // The expiry is checked against the application's clock (the one every server shares), not here.
    ok = await verifySolution(payload, await hmacKeyOf(ctx), false);
    const expires = Number(extractParams(payload)['expires']);
    ok = ok && Number.isFinite(expires) && expires * 1000 > clockOf(ctx).getTime();
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('CHALLENGE_FAILED');
  const decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature: string };
  const spent = await ctx.database.db.transaction().execute((trx) =>
    spendChallenge(trx, {
      signature: decoded.signature,
      expiresAt: new Date(clockOf(ctx).getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
      now: nowIsoOf(ctx),
    }),
  );
  if (!spent) throw new AppError('CHALLENGE_FAILED');
}

async function takeSlot(
  ctx: AppContext,
  args: { scope: 'report' | 'status'; address: string; max: number; minutes: number },
): Promise<void> {
  const now = clockOf(ctx);
  const windowStartedBefore = new Date(now.getTime() - args.minutes * 60_000).toISOString();
  const taken = await ctx.database.db.transaction().execute((trx) =>
    takePublicSlot(trx, {
      scope: args.scope,
      address: args.address,
      max: args.max,
      now: now.toISOString(),
      windowStartedBefore,
    }),
  );
  if (taken === undefined) throw new AppError('RATE_LIMITED');
}

/** A multipart part as the route hands it over. */
export type IncomingPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | { type: 'file'; fieldname: string; filename: string; file: Readable & { truncated?: boolean } };

interface CheckedFile {
  received: ReceivedFile;
  fileName: string;
  mediaType: AttachmentMediaType;
}

/** The public form's files: images and PDF, by content. */
const PUBLIC_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
];

export async function submitPublicReport(
  ctx: AppContext,
  address: string,
  parts: AsyncIterable<IncomingPart>,
  lang: Lang,
): Promise<PublicReportReceipt> {
  // The limit first: a burst is refused before anything is parsed or stored.
  await takeSlot(ctx, { scope: 'report', address, max: REPORTS_PER_ADDRESS, minutes: REPORT_WINDOW_MINUTES });
  const db = ctx.database.db;
  let reportText: string | undefined;
  let altcha: string | undefined;
  let challenged = false;
  const files: CheckedFile[] = [];
  try {
    // A refusal while reading is kept until the body has been read to its end (the rest discarded
    // unread), so the answer goes out on a request that is complete.
    let refusal: unknown;
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = typeof part.value === 'string' ? part.value : undefined;
        if (part.fieldname === 'report') reportText = value;
        else if (part.fieldname === 'altcha') altcha = value;
        continue;
      }
      if (refusal !== undefined) {
        part.file.resume();
        continue;
      }
      try {
        // A file before the solved challenge is refused without reading it.
        if (!challenged) {
          await checkChallenge(ctx, altcha);
          challenged = true;
        }
        if (part.fieldname !== 'attachments') {
          throw new AppError('VALIDATION_FAILED', { fields: { attachments: 'required' } });
        }
        if (files.length >= MAX_PUBLIC_REPORT_FILES) throw new AppError('TOO_MANY_FILES');
        const received = await receiveFile(ctx.config.dataDir, part.file);
        files.push(await checkFile(ctx, received, part.filename, part.file.truncated === true));
      } catch (error) {
        refusal = error;
        part.file.resume();
      }
    }
    if (refusal !== undefined) throw refusal;
    if (!challenged) {
      await checkChallenge(ctx, altcha);
      challenged = true;
    }
    let json: unknown;
    try {
      json = JSON.parse(reportText ?? '');
    } catch {
      throw new AppError('VALIDATION_FAILED', { fields: { report: 'required' } });
    }
    const parsed = publicReportInputSchema.safeParse(json);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', { fields: validationFieldsOf(parsed.error, lang) });
    }
    const input = parsed.data;
    const place = await placeOfReport(db, input);
    const now = nowIsoOf(ctx);
    const kept: { file: CheckedFile; storageKey: string }[] = [];
    for (const f of files) kept.push({ file: f, storageKey: await keepFile(ctx.config.dataDir, f.received) });
    files.length = 0;
    return await db.transaction().execute(async (trx) => {
      const created = await insertNewReport(trx, {
        config: ctx.config,
        actor: { personId: null, address },
        now,
        eventType: 'report.received',
        report: {
          source: 'site',
          unitId: place.unitId,
          departmentId: place.departmentId,
          counter: input.counter ?? null,
          what: input.what,
          happenedOn: input.happenedOn ?? null,
          caseTrackingCode: input.caseTrackingCode ?? null,
          name: input.name ?? null,
          phone: input.phone ?? null,
          wantsSms: input.wantsSms,
          language: input.language,
          registeredBy: null,
          flagId: null,
          receivedAt: now,
        },
      });
      for (const k of kept) {
        const attachmentId = newId();
        await insertReportAttachment(trx, {
          id: attachmentId,
          report_id: created.id,
          order_id: null,
          file_name: k.file.fileName,
          media_type: k.file.mediaType,
          size: k.file.received.size,
          sha256: k.file.received.sha256,
          storage_key: k.storageKey,
          uploaded_by: null,
          uploaded_at: now,
        });
        await appendAuditEvent(
          trx,
          { personId: null, address },
          {
            type: 'report.attachmentAdded',
            subjectId: created.id,
            payload: {
              attachmentId,
              mediaType: k.file.mediaType,
              size: k.file.received.size,
              sha256: k.file.received.sha256,
            },
          },
          now,
        );
      }
      const code = formatReportCode(created.code);
      const smsSent = await smsToReporter(trx, {
        config: ctx.config,
        reportId: created.id,
        phone: input.phone ?? null,
        wantsSms: input.wantsSms,
        senderId: created.receivers[0],
        text:
          input.language === 'en'
            ? `[Bancheng] Your report was received. Tracking code: ${code}. Check its progress on the Bancheng site.`
            : `【办成】您反映的问题已收到，查询码：${code}。可在办成网站“反映进度查询”页查看办理情况，请妥善保管。`,
        redacted: '【办成】您反映的问题已收到，查询码：（已发送，不再保存）。',
        now,
      });
      return { code, receivedAt: now, smsSent };
    });
  } finally {
    for (const f of files) await discardFile(f.received);
  }
}

async function checkFile(
  ctx: AppContext,
  received: ReceivedFile,
  name: string,
  truncated: boolean,
): Promise<CheckedFile> {
  try {
    if (truncated || received.size > ctx.config.attachmentMaxBytes) {
      throw new AppError('ATTACHMENT_TOO_LARGE', { details: { maxBytes: ctx.config.attachmentMaxBytes } });
    }
    if (received.size === 0) throw new AppError('ATTACHMENT_EMPTY');
    const mediaType = await sniffMediaType(received);
    if (!mediaType || !PUBLIC_TYPES.includes(mediaType) || !Object.hasOwn(ATTACHMENT_TYPES, mediaType)) {
      throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
    }
    const type = mediaType as AttachmentMediaType;
    return { received, fileName: attachmentFileName(name, type), mediaType: type };
  } catch (error) {
    await discardFile(received);
    throw error;
  }
}

/**
 * The status page: the address's limit first (a right code is refused too while it is over it), then the
 * code. A malformed, unknown or wrong code is one answer, and counts against the address.
 */
export async function reportStatus(
  ctx: AppContext,
  address: string,
  input: string,
): Promise<PublicReportView> {
  const db = ctx.database.db;
  const now = clockOf(ctx);
  const windowStartedBefore = new Date(now.getTime() - STATUS_WINDOW_MINUTES * 60_000).toISOString();
  const throttle = await publicThrottleOf(db, 'status', address);
  if (
    throttle &&
    throttle.count >= STATUS_FAILURES_PER_ADDRESS &&
    throttle.window_start > windowStartedBefore
  ) {
    throw new AppError('RATE_LIMITED');
  }
  const code = normalizeReportCode(input);
  const presented = hashReportCode(code ?? `invalid:${input}`);
  const row = code ? await findReportByHash(db, presented.toString('hex')) : undefined;
  const matches =
    row !== undefined && code !== null && timingSafeEqual(Buffer.from(row.code_hash, 'hex'), presented);
  if (!row || !matches) {
    await takeSlot(ctx, {
      scope: 'status',
      address,
      max: STATUS_FAILURES_PER_ADDRESS,
      minutes: STATUS_WINDOW_MINUTES,
    });
    throw new AppError('REPORT_NOT_FOUND');
  }
  const reply =
    row.reply_text !== null
      ? { text: row.reply_text, repliedAt: row.replied_at ?? row.updated_at }
      : row.public_answer !== null
        ? { text: row.public_answer, repliedAt: row.triaged_at ?? row.updated_at }
        : undefined;
  return {
    stage: publicReportStageOf(row.state, row.outcome),
    receivedAt: row.received_at,
    what: row.what,
    unitName: row.unit_name,
    ...(row.department_name !== null && { departmentName: row.department_name }),
    ...(row.counter !== null && { counter: row.counter }),
    ...(row.happened_on !== null && { happenedOn: row.happened_on }),
    attachmentCount: await countAttachments(db, row.id),
    ...(reply && { reply }),
  };
}
