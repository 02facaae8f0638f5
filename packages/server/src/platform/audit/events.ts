// Typed audit events: each type has its own payload. Events are appended, never changed (the database
// refuses UPDATE and DELETE on audit_events). Payloads hold no passwords or session ids, and a full phone
// number nowhere: the number called for a phone reply is kept masked here and in full in case_replies.
// Case events take their payload types from the shared schemas (core cases/schema.ts), so the case timeline,
// the OpenAPI document and what is written agree.
import type { CaseEventPayload, CaseEventType } from '@bancheng/core';

interface Snapshot {
  [key: string]: unknown;
}

export type AuditEvent =
  | { type: 'auth.login'; subjectId: string; payload: { username: string } }
  | {
      type: 'auth.loginFailed';
      subjectId: string | null;
      payload: { username: string; reason: 'wrongPassword' | 'unknownUser' | 'disabled' | 'locked' };
    }
  | { type: 'auth.accountLocked'; subjectId: string; payload: { username: string; until: string } }
  | { type: 'auth.addressLocked'; subjectId: null; payload: { until: string } }
  | { type: 'auth.logout'; subjectId: string; payload: Record<string, never> }
  | { type: 'auth.passwordChanged'; subjectId: string; payload: Record<string, never> }
  | { type: 'auth.languageSet'; subjectId: string; payload: { language: 'zh' | 'en' } }
  | {
      type: 'org.unitCreated' | 'org.unitUpdated' | 'org.unitDeleted';
      subjectId: string;
      payload: { before: Snapshot | null; after: Snapshot | null };
    }
  | {
      type: 'org.departmentCreated' | 'org.departmentUpdated' | 'org.departmentDeleted';
      subjectId: string;
      payload: { before: Snapshot | null; after: Snapshot | null };
    }
  | {
      type: 'person.created' | 'person.updated' | 'person.disabled' | 'person.enabled';
      subjectId: string;
      payload: { before: Snapshot | null; after: Snapshot | null };
    }
  | { type: 'person.passwordReset'; subjectId: string; payload: Record<string, never> }
  | {
      type: 'chain.set';
      subjectId: string;
      payload: { effectiveFrom: string; before: Snapshot; after: Snapshot; source: 'form' | 'import' };
    }
  | {
      type: 'calendar.yearSet';
      subjectId: string;
      payload: {
        year: number;
        holidays: { date: string; name: string }[];
        workdays: { date: string; name: string }[];
        source: 'form' | 'import';
      };
    }
  | {
      type: 'deputy.appointed' | 'deputy.ended';
      subjectId: string;
      payload: {
        deputyId: string;
        forPersonId: string;
        fromDate: string;
        toDate: string;
        /** deputy.ended: withdrawn before it began, or cut short to end on this date. */
        ending?: { kind: 'withdraw' } | { kind: 'endOn'; toDate: string };
      };
    }
  | { type: 'roster.imported'; subjectId: null; payload: { effectiveFrom: string; departments: number } }
  | { type: 'system.adminCreated'; subjectId: string; payload: { username: string } }
  | { type: 'system.demoLoaded'; subjectId: null; payload: { people: number; departments: number } }
  | {
      type: 'settings.bureauUpdated';
      subjectId: null;
      payload: { before: Snapshot; after: Snapshot };
    }
  | CaseEvent
  | {
      /** The supervision ledger (0022): payloads carry ids, states and counts, never the reporter. */
      type:
        | 'report.received'
        | 'report.registered'
        | 'report.raisedFromFlag'
        | 'report.triaged'
        | 'report.caseLinked'
        | 'report.caseUnlinked'
        | 'report.attachmentAdded'
        | 'report.supervised'
        | 'report.orderAnswered'
        | 'report.orderVerified'
        | 'report.referred'
        | 'report.findingRecorded'
        | 'report.replied'
        | 'report.reporterRevealed';
      subjectId: string;
      payload: Snapshot;
    }
  | {
      type: 'matter.created' | 'matter.updated' | 'matter.deactivated';
      subjectId: string;
      payload: { departmentId: string; before: Snapshot | null; after: Snapshot };
    };

/** Every event on a case, each with its own payload type (a discriminated union by `type`). */
export type CaseEvent = {
  [T in CaseEventType]: { type: T; subjectId: string; payload: CaseEventPayload<T> };
}[CaseEventType];

export type AuditEventType = AuditEvent['type'];

const SUBJECT_TYPES: Record<string, string> = {
  auth: 'person',
  person: 'person',
  org: 'org',
  chain: 'department',
  roster: 'roster',
  calendar: 'calendarYear',
  deputy: 'actingDeputy',
  system: 'system',
};

export function subjectTypeOf(type: AuditEventType): string {
  const prefix = type.split('.')[0] ?? '';
  if (type.startsWith('org.unit')) return 'unit';
  if (type.startsWith('org.department')) return 'department';
  return SUBJECT_TYPES[prefix] ?? prefix;
}

/** Who did it and from where: every change carries one. */
export interface Actor {
  personId: string | null;
  address: string | null;
}
