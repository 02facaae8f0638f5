// The routes of cross-department matters (协作配合, 会商): changing the co-departments, inviting to a
// consultation, and what the case page shows of them.
import { z } from 'zod';
import { idSchema, personRefSchema, versionSchema } from '../shared/schema.ts';

/** The co-departments as they should be from now on (the lead department's first responder or head). */
export const setCoDepartmentsBodySchema = z.strictObject({
  version: versionSchema,
  departmentIds: z.array(idSchema).max(10),
});
export type SetCoDepartmentsBody = z.infer<typeof setCoDepartmentsBodySchema>;

/** The convener invites people from the directory to the consultation the case waits for. */
export const inviteToConsultationBodySchema = z.strictObject({
  personIds: z.array(idSchema).min(1).max(30),
});
export type InviteToConsultationBody = z.infer<typeof inviteToConsultationBodySchema>;

export const consultationPersonSchema = z.object({
  person: personRefSchema,
  role: z.enum(['convener', 'invitee']),
  invitedAt: z.string(),
  /** Recorded with the meeting: present or not; null until then. */
  present: z.boolean().nullable(),
});
export type ConsultationPerson = z.infer<typeof consultationPersonSchema>;

/** The people directory the convener invites from: active people with their department. */
export const consultationCandidatesSchema = z.object({
  items: z.array(personRefSchema.extend({ departmentName: z.string() })),
});
export type ConsultationCandidates = z.infer<typeof consultationCandidatesSchema>;
