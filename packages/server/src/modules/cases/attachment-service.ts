// Case attachments: who may list, add and download them, and what a file must be to be kept. Whoever may
// see the case may read its attachments; only the people working it may add one.
import type { ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  AppError,
  ATTACHMENT_TYPES,
  hasUnsafeCharacters,
  type AttachmentMediaType,
  type CaseAttachment,
  type CaseAttachmentList,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { findAttachment, insertAttachment, listAttachments } from './attachment-repository.ts';
import { discardFile, keepFile, openKeptFile, receiveFile, sniffMediaType } from './attachment-store.ts';
import { newId } from '../../platform/ids.ts';
import { requireCase, type CaseViewer } from './case-access.ts';

const MAX_NAME_LENGTH = 200;

/** A file as it arrives: the name the uploader gave and its bytes, cut short past the size limit. */
export interface IncomingFile {
  fileName: string;
  stream: Readable & { truncated?: boolean };
}

function isAllowedType(mediaType: string | undefined): mediaType is AttachmentMediaType {
  return mediaType !== undefined && Object.hasOwn(ATTACHMENT_TYPES, mediaType);
}

/**
 * The name a kept file goes by: the uploader's, without any folder or control characters, ending in an
 * extension that fits its content (a PDF called `x.exe` is kept as `x.exe.pdf`). An OLE compound file
 * could be a Word document or an installer, so there the name must already say which: it is refused
 * unless it ends in one of the Office or WPS extensions.
 */
export function attachmentFileName(original: string, mediaType: AttachmentMediaType): string {
  const base = original.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(base)
    .map((ch) => (hasUnsafeCharacters(ch) || '"<>|:*?'.includes(ch) ? '_' : ch))
    .join('')
    .trim()
    .replace(/^\.+/, '');
  const extensions: readonly string[] = ATTACHMENT_TYPES[mediaType];
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : '';
  let stem = dot > 0 ? cleaned.slice(0, dot) : cleaned;
  let suffix = dot > 0 ? cleaned.slice(dot) : '';
  if (!extensions.includes(ext)) {
    if (mediaType === 'application/x-cfb') throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
    stem = cleaned;
    suffix = `.${extensions[0] ?? 'bin'}`;
  }
  stem = Array.from(stem || 'attachment')
    .slice(0, MAX_NAME_LENGTH - suffix.length)
    .join('');
  return `${stem}${suffix}`;
}

export async function listCaseAttachments(
  ctx: AppContext,
  viewer: CaseViewer,
  caseId: string,
): Promise<CaseAttachmentList> {
  const access = await requireCase(ctx, viewer, caseId, 'case.read', { all: true });
  return {
    items: await listAttachments(ctx.database.db, caseId),
    maxBytes: ctx.config.attachmentMaxBytes,
    abilities: { upload: access.permissions['case.upload'] },
  };
}

/**
 * Checks who is asking before reading a byte, then stores the file (refused files leave nothing behind)
 * and records it with its audit event in one transaction.
 */
export async function addCaseAttachment(
  ctx: AppContext,
  args: {
    actor: Actor & { personId: string };
    viewer: CaseViewer;
    caseId: string;
    /** Reads the upload's file part; called only once the person may add to the case. */
    receive: () => Promise<IncomingFile>;
  },
): Promise<CaseAttachment> {
  const { actor, viewer, caseId } = args;
  await requireCase(ctx, viewer, caseId, 'case.upload');

  const incoming = await args.receive();
  const dataDir = ctx.config.dataDir;
  const received = await receiveFile(dataDir, incoming.stream);
  let kept: { fileName: string; mediaType: AttachmentMediaType; storageKey: string };
  try {
    if (incoming.stream.truncated || received.size > ctx.config.attachmentMaxBytes) {
      throw new AppError('ATTACHMENT_TOO_LARGE', { details: { maxBytes: ctx.config.attachmentMaxBytes } });
    }
    if (received.size === 0) throw new AppError('ATTACHMENT_EMPTY');
    const mediaType = await sniffMediaType(received);
    if (!isAllowedType(mediaType)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
    const fileName = attachmentFileName(incoming.fileName, mediaType);
    kept = { fileName, mediaType, storageKey: await keepFile(dataDir, received) };
  } catch (error) {
    await discardFile(received);
    throw error;
  }

  // A failure from here on leaves the kept file without a row: harmless, as the same content uploaded
  // again finds it in place, and removing it could race with another upload of the same bytes.
  const id = newId();
  await ctx.database.db.transaction().execute(async (trx) => {
    await insertAttachment(trx, {
      id,
      case_id: caseId,
      file_name: kept.fileName,
      media_type: kept.mediaType,
      size: received.size,
      sha256: received.sha256,
      storage_key: kept.storageKey,
      uploaded_by: actor.personId,
      uploaded_at: nowIsoOf(ctx),
    });
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'case.attachmentAdded',
        subjectId: caseId,
        payload: {
          attachmentId: id,
          fileName: kept.fileName,
          mediaType: kept.mediaType,
          size: received.size,
          sha256: received.sha256,
        },
      },
      nowIsoOf(ctx),
    );
  });
  const added = await findAttachment(ctx.database.db, { caseId, attachmentId: id });
  if (!added) throw new Error(`attachment ${id} vanished after insert`);
  return added.attachment;
}

export async function openCaseAttachment(
  ctx: AppContext,
  viewer: CaseViewer,
  args: { caseId: string; attachmentId: string },
): Promise<{ attachment: CaseAttachment; stream: ReadStream }> {
  await requireCase(ctx, viewer, args.caseId, 'case.read');
  const found = await findAttachment(ctx.database.db, args);
  if (!found) throw new AppError('NOT_FOUND');
  return {
    attachment: found.attachment,
    stream: await openKeptFile(ctx.config.dataDir, found.storageKey),
  };
}
