// The receipt as a document: the case's registration facts, and the code only when staff send the one they
// hold (checked against the stored hash, so no other code can be printed on an official receipt).
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError, formatTrackingCode, normalizeTrackingCode } from '@bancheng/core';
import type { AppContext } from '../../platform/context.ts';
import { requireCase, type CaseViewer } from '../cases/index.ts';
import { findPublicCase, findTrackingOfCase } from './tracking-repository.ts';
import { buildReceiptDocx } from './receipt-docx.ts';

export async function receiptOf(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
  code: string | undefined,
): Promise<{ file: Buffer; number: string }> {
  const access = await requireCase(ctx, viewer, caseId, 'case.documents');
  const db = ctx.database.db;
  const [shown, tracking] = await Promise.all([findPublicCase(db, caseId), findTrackingOfCase(db, caseId)]);
  if (!shown) throw new AppError('NOT_FOUND');
  let trackingCode: string | null = null;
  if (code !== undefined) {
    const normalized = normalizeTrackingCode(code);
    const presented = createHash('sha256')
      .update(normalized ?? '', 'utf8')
      .digest();
    const ok =
      normalized !== null &&
      tracking !== undefined &&
      timingSafeEqual(Buffer.from(tracking.codeHash, 'hex'), presented);
    if (!ok) throw new AppError('TRACKING_CODE_MISMATCH', { fields: { code: 'notCurrentCode' } });
    trackingCode = formatTrackingCode(normalized);
  }
  const row = access.loaded.row;
  const file = await buildReceiptDocx({
    bureauName: shown.unitName,
    number: row.number,
    receivedAt: row.received_at,
    channel: row.channel,
    applicantName: row.applicant_name,
    matterTitle: row.matter_title,
    departmentName: shown.departmentName,
    trackingCode,
  });
  return { file, number: row.number };
}
