// The outbox worker: claims due messages, sends them by email (SMTP) or SMS (an HTTP gateway), and
// records the outcome; a failure is retried later with backoff. It also creates reply reminders and the
// clocks' reminders (clock-reminders.ts). Each
// message is sent once: a claim locks it (FOR UPDATE SKIP LOCKED on PostgreSQL, the single writer on
// SQLite) and only the claimant may finish it. One window remains, as with any outbox: a process that
// dies after the SMTP server accepted a message but before recording it sends it again after the lease.
import nodemailer from 'nodemailer';
import { clockOf, type AppContext } from '../../platform/context.ts';
import type { Config } from '../../platform/config.ts';
import {
  applicantPhoneOf,
  reporterPhoneOf,
  claimDueOutboxMessages,
  contactsOf,
  finishOutboxMessage,
  retryOutboxMessageLater,
} from './notification-repository.ts';
import { scheduleClockReminders } from './clock-reminders.ts';
import { scheduleCalendarWarnings, scheduleReplyReminders } from './notification-service.ts';
import type { OutboxMessage, OutboxOutcome, OutboxPayload } from './outbox.ts';

/** Longer than a batch can take to send (each SMTP send times out well within a minute). */
const CLAIM_LEASE_MS = 10 * 60_000;
const DEFAULT_BATCH_SIZE = 10;
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
const SMS_TIMEOUT_MS = 10_000;

export interface WorkerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}
interface SmsMessage {
  to: string;
  text: string;
}

/** The configured ways out; a channel left unset is off. */
export interface Senders {
  email?: (message: EmailMessage) => Promise<void>;
  sms?: (message: SmsMessage) => Promise<void>;
  close(): void;
}

export function createSenders(config: Config): Senders {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(
        { url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
        { from: config.mailFrom },
      )
    : undefined;
  const gateway = config.smsGatewayUrl;
  return {
    ...(transport && {
      email: async (m: EmailMessage) => {
        await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      },
    }),
    ...(gateway && {
      sms: async (m: SmsMessage) => {
        const res = await fetch(gateway, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: m.to, text: m.text }),
          signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      },
    }),
    close: () => transport?.close(),
  };
}

/** Addresses and phone numbers never reach the log or the outbox's error column in full. */
export function maskContacts(text: string): string {
  return text
    .replace(/([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)/g, '$1***@$2')
    .replace(/(\d{3})\d{4}(\d{4})/g, '$1****$2');
}

function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return maskContacts(message).slice(0, 500);
}

function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
}

export interface DeliveryReport {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

async function deliverOne(
  ctx: AppContext,
  message: OutboxMessage,
  deps: { senders: Senders; log: WorkerLog },
): Promise<keyof DeliveryReport> {
  const db = ctx.database.db;
  const claim = message.lockedUntil ?? '';
  const channel = message.channel;
  const payload = JSON.parse(message.payload) as OutboxPayload;
  // A message to a case's applicant goes to the case's number; any other to the person's own address.
  const toPublic = payload.applicantCaseId ?? payload.reporterReportId;
  const contact = toPublic ? undefined : (await contactsOf(db, [message.personId])).get(message.personId);
  const address = toPublic
    ? channel === 'sms'
      ? payload.applicantCaseId
        ? await applicantPhoneOf(db, payload.applicantCaseId)
        : await reporterPhoneOf(db, toPublic)
      : null
    : contact?.active
      ? channel === 'email'
        ? contact.email
        : contact.phone
      : null;
  const redacted =
    payload.redacted === undefined
      ? undefined
      : JSON.stringify({ ...payload, subject: payload.redacted, text: payload.redacted });
  const { email, sms } = deps.senders;
  const configured = channel === 'email' ? email !== undefined : sms !== undefined;
  const logged = { outboxId: message.id, channel, personId: message.personId, attempt: message.attempts };
  const finish = async (outcome: OutboxOutcome, error: string | null) => {
    const done = await finishOutboxMessage(db, {
      id: message.id,
      claim,
      now: clockOf(ctx).toISOString(),
      outcome,
      error,
      ...(redacted !== undefined && { payload: redacted }),
    });
    if (!done) deps.log.warn(logged, 'outbox claim lapsed before the outcome was recorded');
    return outcome;
  };
  if (!configured || !address) {
    return finish('skipped', configured ? 'no address' : `${channel} is not configured`);
  }
  try {
    // The Message-ID is the outbox message's, so a receiving server can recognise a resend too.
    if (channel === 'email' && email) {
      await email({
        to: address,
        subject: payload.subject,
        text: payload.text,
        messageId: `<${message.id}@bancheng>`,
      });
    } else if (sms) {
      await sms({ to: address, text: payload.subject });
    }
  } catch (err) {
    const error = describeError(err);
    if (message.attempts >= MAX_ATTEMPTS) {
      deps.log.warn({ ...logged, error }, 'outbox message failed; giving up');
      return finish('failed', error);
    }
    const dueAt = new Date(clockOf(ctx).getTime() + retryDelayMs(message.attempts)).toISOString();
    deps.log.warn({ ...logged, error, retryAt: dueAt }, 'outbox message failed; will retry');
    await retryOutboxMessageLater(db, { id: message.id, claim, dueAt, error });
    return 'retried';
  }
  deps.log.info(logged, 'outbox message sent');
  return finish('sent', null);
}

/** Sends every message due now, a batch at a time, until none is left to claim. */
export async function deliverDueOutbox(
  ctx: AppContext,
  deps: { senders: Senders; log: WorkerLog; batchSize?: number },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, skipped: 0, retried: 0, failed: 0 };
  for (;;) {
    const at = clockOf(ctx);
    const claimed = await ctx.database.db.transaction().execute((trx) =>
      claimDueOutboxMessages(trx, {
        dialect: ctx.database.dialect,
        now: at.toISOString(),
        lockedUntil: new Date(at.getTime() + CLAIM_LEASE_MS).toISOString(),
        limit: deps.batchSize ?? DEFAULT_BATCH_SIZE,
      }),
    );
    if (claimed.length === 0) return report;
    for (const message of claimed) {
      report[await deliverOne(ctx, message, { senders: deps.senders, log: deps.log })]++;
    }
  }
}

export interface OutboxWorker {
  /** Creates due reminders and sends due messages; a tick already running is joined, not doubled. */
  tick(): Promise<DeliveryReport>;
  /** Ticks now and then every `intervalMs`, without keeping the process alive. */
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createOutboxWorker(
  ctx: AppContext,
  options: { log: WorkerLog; senders?: Senders; batchSize?: number },
): OutboxWorker {
  const senders = options.senders ?? createSenders(ctx.config);
  const log = options.log;
  let running: Promise<DeliveryReport> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const run = async (): Promise<DeliveryReport> => {
    await scheduleReplyReminders(ctx);
    await scheduleClockReminders(ctx);
    // The ledger's order clocks (it imports this module, so it is loaded here, not at the top).
    await (await import('../ledger/index.ts')).scheduleOrderReminders(ctx);
    await scheduleCalendarWarnings(ctx);
    return deliverDueOutbox(ctx, {
      senders,
      log,
      ...(options.batchSize && { batchSize: options.batchSize }),
    });
  };
  const tick = () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
  const tickSafely = () =>
    void tick().catch((err: unknown) => log.warn({ error: describeError(err) }, 'outbox tick failed'));
  return {
    tick,
    start(intervalMs) {
      tickSafely();
      timer = setInterval(tickSafely, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
      senders.close();
    },
  };
}
