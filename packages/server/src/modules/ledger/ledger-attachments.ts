// Materials of a report: the office's (addMaterial) and a department's answer files on its order, kept in
// the case attachment store and checked by content as case attachments are. Downloads go to whoever reads
// the report's record, or the order's department head for the report's and that order's files.
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  AppError,
  ATTACHMENT_TYPES,
  type AttachmentMediaType,
  type ReportAttachment,
  type Subject,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { newId } from '../../platform/ids.ts';
import {
  attachmentFileName,
  discardFile,
  keepFile,
  openKeptFile,
  receiveFile,
  sniffMediaType,
} from '../cases/index.ts';
import { attachmentsOf, findReportAttachment, insertReportAttachment } from './ledger-repository.ts';
import { mayAddMaterial, noteMaterialAdded } from './ledger-service.ts';
import { getOrderDetail, requireOrderUpload } from './ledger-tasks.ts';
import { getReportDetail, type LedgerActor } from './report-reading.ts';

export interface IncomingFile {
  fileName: string;
  stream: Readable & { truncated?: boolean };
}

async function storeChecked(ctx: AppContext, incoming: IncomingFile) {
  const received = await receiveFile(ctx.config.dataDir, incoming.stream);
  try {
    if (incoming.stream.truncated || received.size > ctx.config.attachmentMaxBytes) {
      throw new AppError('ATTACHMENT_TOO_LARGE', { details: { maxBytes: ctx.config.attachmentMaxBytes } });
    }
    if (received.size === 0) throw new AppError('ATTACHMENT_EMPTY');
    const mediaType = await sniffMediaType(received);
    if (!mediaType || !Object.hasOwn(ATTACHMENT_TYPES, mediaType)) {
      throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
    }
    const type = mediaType as AttachmentMediaType;
    const fileName = attachmentFileName(incoming.fileName, type);
    return { received, fileName, mediaType: type, storageKey: await keepFile(ctx.config.dataDir, received) };
  } catch (error) {
    await discardFile(received);
    throw error;
  }
}

async function attachmentById(ctx: AppContext, reportId: string, id: string): Promise<ReportAttachment> {
  const found = (await attachmentsOf(ctx.database.db, reportId)).find((a) => a.id === id);
  if (!found) throw new Error(`attachment ${id} vanished after insert`);
  const { orderId: _o, ...attachment } = found;
  return attachment;
}

/** The handling office adds a material to the report. */
export async function addReportMaterial(
  ctx: AppContext,
  actor: LedgerActor,
  reportId: string,
  receive: () => Promise<IncomingFile>,
): Promise<ReportAttachment> {
  await mayAddMaterial(ctx, actor.subject, reportId);
  const kept = await storeChecked(ctx, await receive());
  const id = newId();
  await noteMaterialAdded(ctx, actor, reportId, async (trx, now) => {
    await insertReportAttachment(trx, {
      id,
      report_id: reportId,
      order_id: null,
      file_name: kept.fileName,
      media_type: kept.mediaType,
      size: kept.received.size,
      sha256: kept.received.sha256,
      storage_key: kept.storageKey,
      uploaded_by: actor.personId,
      uploaded_at: now,
    });
    return {
      attachmentId: id,
      mediaType: kept.mediaType,
      size: kept.received.size,
      sha256: kept.received.sha256,
    };
  });
  return attachmentById(ctx, reportId, id);
}

/** The department head adds an answer file to an open order of their department. */
export async function addOrderMaterial(
  ctx: AppContext,
  actor: LedgerActor,
  orderId: string,
  receive: () => Promise<IncomingFile>,
): Promise<ReportAttachment> {
  const order = await requireOrderUpload(ctx, actor.subject, orderId);
  const kept = await storeChecked(ctx, await receive());
  const id = newId();
  const now = nowIsoOf(ctx);
  await ctx.database.db.transaction().execute(async (trx) => {
    await insertReportAttachment(trx, {
      id,
      report_id: order.report_id,
      order_id: orderId,
      file_name: kept.fileName,
      media_type: kept.mediaType,
      size: kept.received.size,
      sha256: kept.received.sha256,
      storage_key: kept.storageKey,
      uploaded_by: actor.personId,
      uploaded_at: now,
    });
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'report.attachmentAdded',
        subjectId: order.report_id,
        payload: { attachmentId: id, orderId, mediaType: kept.mediaType, size: kept.received.size },
      },
      now,
    );
  });
  return attachmentById(ctx, order.report_id, id);
}

export async function openReportAttachment(
  ctx: AppContext,
  subject: Subject,
  args: { reportId: string; attachmentId: string },
): Promise<{ attachment: ReportAttachment; stream: ReadStream }> {
  const detail = await getReportDetail(ctx, subject, args.reportId);
  const all = [...detail.attachments, ...detail.orders.flatMap((o) => o.attachments)];
  return open(ctx, args.reportId, args.attachmentId, all);
}

export async function openOrderAttachment(
  ctx: AppContext,
  subject: Subject,
  args: { orderId: string; attachmentId: string },
): Promise<{ attachment: ReportAttachment; stream: ReadStream }> {
  const detail = await getOrderDetail(ctx, subject, args.orderId);
  return open(ctx, detail.report.id, args.attachmentId, [...detail.report.attachments]);
}

async function open(
  ctx: AppContext,
  reportId: string,
  attachmentId: string,
  visible: readonly ReportAttachment[],
) {
  const attachment = visible.find((a) => a.id === attachmentId);
  const row = attachment
    ? await findReportAttachment(ctx.database.db, { reportId, attachmentId })
    : undefined;
  if (!attachment || !row) throw new AppError('NOT_FOUND');
  return { attachment, stream: await openKeptFile(ctx.config.dataDir, row.storage_key) };
}
