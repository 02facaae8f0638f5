// Case attachments (附件): files kept with a case. The types accepted are decided by the file's content;
// the extensions listed for each are the names a file of that type may keep.
import { z } from 'zod';
import { idSchema, personRefSchema } from '../shared/schema.ts';

export const ATTACHMENT_TYPES = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  // Word 97–2003, Excel 97–2003, PowerPoint 97–2003 and WPS Office files share one container format
  // (OLE compound file), which installers (.msi) use too: only these names are accepted for it.
  'application/x-cfb': ['doc', 'xls', 'ppt', 'wps', 'et', 'dps'],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentMediaType = keyof typeof ATTACHMENT_TYPES;

/** For a file picker's `accept`: every extension above. */
export const ATTACHMENT_EXTENSIONS: readonly string[] = Object.values(ATTACHMENT_TYPES).flatMap((e) =>
  e.map((x) => `.${x}`),
);

export const attachmentParamsSchema = z.strictObject({ id: idSchema, attachmentId: idSchema });

export const caseAttachmentSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  /** The type found in the content, not the one the uploader's browser claimed. */
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: personRefSchema,
  uploadedAt: z.string(),
});
export type CaseAttachment = z.infer<typeof caseAttachmentSchema>;

export const caseAttachmentListSchema = z.object({
  items: z.array(caseAttachmentSchema),
  /** The largest file accepted, in bytes. */
  maxBytes: z.number().int(),
  /** What the person asking may do: the web app shows the upload button from this. */
  abilities: z.object({ upload: z.boolean() }),
});
export type CaseAttachmentList = z.infer<typeof caseAttachmentListSchema>;
