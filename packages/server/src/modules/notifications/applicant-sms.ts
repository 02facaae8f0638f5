// Messages to an applicant rather than to a member of staff: the SMS with a case's tracking code. The
// outbox row names the case, not the number (looked up from the case when it is sent), and its text —
// which holds the code — is replaced by a redacted one as soon as delivery ends, so the code is never
// kept once it is out. With SMS not configured, or no mobile number, the message is recorded as skipped
// at once, with the redacted text only.
import { isMobileNumber } from '@bancheng/core';
import type { Config } from '../../platform/config.ts';
import type { Trx } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { insertFinishedOutboxMessage, insertOutboxMessages } from './notification-repository.ts';
import type { OutboxPayload } from './outbox.ts';

export async function queueApplicantSms(
  trx: Trx,
  args: {
    config: Config;
    /** The case whose applicant, or the report whose reporter, the number belongs to. */
    caseId?: string;
    reportId?: string;
    phone: string;
    /** Staff on whose behalf it goes out (the first responder): the row's person. */
    senderId: string;
    text: string;
    /** What the row keeps once delivery ended (or at once when skipped): the text without the code. */
    redacted: string;
    dedupeKey: string;
    now: string;
  },
): Promise<'queued' | 'skipped'> {
  const mobile = isMobileNumber(args.phone.replace(/\s/g, ''));
  const base = {
    id: newId(),
    channel: 'sms' as const,
    personId: args.senderId,
    notificationId: null,
    dedupeKey: args.dedupeKey,
    dueAt: args.now,
    createdAt: args.now,
  };
  if (!args.config.smsGatewayUrl || !mobile) {
    const payload: OutboxPayload = {
      subject: args.redacted,
      text: args.redacted,
      ...(args.caseId !== undefined && { applicantCaseId: args.caseId }),
      ...(args.reportId !== undefined && { reporterReportId: args.reportId }),
    };
    await insertFinishedOutboxMessage(trx, {
      ...base,
      payload: JSON.stringify(payload),
      outcome: 'skipped',
      error: args.config.smsGatewayUrl ? 'no mobile number' : 'sms is not configured',
    });
    return 'skipped';
  }
  const payload: OutboxPayload = {
    subject: args.text,
    text: args.text,
    ...(args.caseId !== undefined && { applicantCaseId: args.caseId }),
    ...(args.reportId !== undefined && { reporterReportId: args.reportId }),
    redacted: args.redacted,
  };
  await insertOutboxMessages(trx, [{ ...base, payload: JSON.stringify(payload) }]);
  return 'queued';
}
