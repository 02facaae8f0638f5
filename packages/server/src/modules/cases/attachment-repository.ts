// Case attachment rows: which case holds which stored file, under what name, from whom.
import type { CaseAttachment } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type { CaseAttachmentRow } from '../../platform/db/schema.ts';
import { toPersonRef } from '../people/index.ts';

type Executor = Db | Trx;

export interface AttachmentWithFile {
  attachment: CaseAttachment;
  storageKey: string;
}

export async function insertAttachment(trx: Trx, row: CaseAttachmentRow): Promise<void> {
  await trx.insertInto('case_attachments').values(row).execute();
}

function selectAttachments(db: Executor) {
  return db
    .selectFrom('case_attachments')
    .innerJoin('people', 'people.id', 'case_attachments.uploaded_by')
    .select([
      'case_attachments.id',
      'case_attachments.file_name',
      'case_attachments.media_type',
      'case_attachments.size',
      'case_attachments.sha256',
      'case_attachments.storage_key',
      'case_attachments.uploaded_at',
      'people.id as person_id',
      'people.username',
      'people.display_name',
    ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectAttachments>['executeTakeFirstOrThrow']>>;

function toAttachment(r: Selected): AttachmentWithFile {
  return {
    attachment: {
      id: r.id,
      fileName: r.file_name,
      mediaType: r.media_type,
      size: Number(r.size),
      sha256: r.sha256,
      uploadedBy: toPersonRef({ id: r.person_id, username: r.username, display_name: r.display_name }),
      uploadedAt: r.uploaded_at,
    },
    storageKey: r.storage_key,
  };
}

/** The case's attachments, oldest first. */
export async function listAttachments(db: Executor, caseId: string): Promise<CaseAttachment[]> {
  const rows = await selectAttachments(db)
    .where('case_attachments.case_id', '=', caseId)
    .orderBy('case_attachments.uploaded_at')
    .orderBy('case_attachments.id')
    .execute();
  return rows.map((r) => toAttachment(r).attachment);
}

/** One attachment of the case; another case's attachment is not found here. */
export async function findAttachment(
  db: Executor,
  args: { caseId: string; attachmentId: string },
): Promise<AttachmentWithFile | undefined> {
  const row = await selectAttachments(db)
    .where('case_attachments.case_id', '=', args.caseId)
    .where('case_attachments.id', '=', args.attachmentId)
    .executeTakeFirst();
  return row ? toAttachment(row) : undefined;
}
