// The outbox's vocabulary: the channels a message goes out by (core's, which the database's columns use
// too), how its delivery ended, what it carries.
import type { OutboxChannel, OutboxOutcome } from '@bancheng/core';

export type { OutboxChannel, OutboxOutcome } from '@bancheng/core';

/** What an outbox message carries; the address is looked up when it is sent. */
export interface OutboxPayload {
  subject: string;
  text: string;
  /** A message to a case's applicant: the number is the case's, looked up when it is sent. */
  applicantCaseId?: string;
  /** A message to a report's reporter (the ledger): the number is the report's, looked up when sent. */
  reporterReportId?: string;
  /** What the row keeps after delivery ends, in place of a text holding a secret (a tracking code). */
  redacted?: string;
}

/** A message to queue for one person on one channel, for one notification. */
export interface NewOutboxMessage {
  id: string;
  channel: OutboxChannel;
  personId: string;
  notificationId: string | null;
  /** Each (channel, notification) is queued once. */
  dedupeKey: string;
  /** An OutboxPayload as JSON. */
  payload: string;
  dueAt: string;
  createdAt: string;
}

/** A queued message as a worker claims it. */
export interface OutboxMessage {
  id: string;
  channel: OutboxChannel;
  personId: string;
  notificationId: string | null;
  dedupeKey: string;
  /** An OutboxPayload as JSON, parsed when it is sent. */
  payload: string;
  dueAt: string;
  /** Attempts so far, the current one included. */
  attempts: number;
  lastError: string | null;
  /** The claim: until when this worker holds it. */
  lockedUntil: string | null;
  sentAt: string | null;
  outcome: OutboxOutcome | null;
  createdAt: string;
}
