// The requests of the authorization matrix (authorization-matrix.test.ts): for every route, the attempt on
// an object in the person's reach and on one outside it, built from the fixture the test sets up.
import { randomUUID } from 'node:crypto';
import type { Attempt as HarnessAttempt } from './harness.ts';
import { DEMO_PASSWORD } from '../src/bootstrap/demo/demo-bureau.ts';

/** The columns: one person of every role, then people of another department and of another unit. */
export const PEOPLE = [
  'anon', // no session
  'shouwen', // first responder, 登记注册科 (the in-reach case's department)
  'keshi', // department head, 登记注册科
  'fenguan', // leader in charge of 登记注册科
  'juzhang', // principal leader of the city bureau
  'ducha', // supervision office
  'jijian', // discipline inspection
  'admin', // administrator
  'spsc1', // first responder of another department (食品生产安全监管科)
  'spsckz', // department head of another department
  'cqsc1', // first responder of another unit (城区分局 市场监管股)
  'cqsckz', // department head of another unit
] as const;
export type Who = (typeof PEOPLE)[number];

export interface Attempt extends HarnessAttempt {
  /** Sent without the session cookie even for a signed-in person (sign-in itself). */
  anonymous?: boolean;
  /** Sent on a session of its own, so the attempt (logging out) leaves the person's session alone. */
  ownSession?: boolean;
}

export interface Fixture {
  caseIn: { id: string; version: number; number: string };
  caseOut: { id: string; version: number; number: string };
  attachmentIn: string;
  attachmentOut: string;
  deptIn: string;
  deptOut: string;
  matterIn: string;
  matterOut: string;
  unit: string;
  department: string;
  person: string;
  bureau: string;
  roster: Buffer;
  personIds: Record<string, string>;
  /** Each person's own notification, and one of somebody else's. */
  notificationOf: Partial<Record<Who, string>>;
  notificationNotOf: Partial<Record<Who, string>>;
  /** An appointment (yet to begin) each person holds as the one deputised for, and one of someone else's. */
  deputyOf: Partial<Record<Who, string>>;
  deputyNotOf: Partial<Record<Who, string>>;
}

export type Template = (f: Fixture, who: Who, n: number) => { in: Attempt | null; out: Attempt | null };

export const MISSING = () => randomUUID();
export const CASE_NAME_OUT = '外所当事人';

export function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; data: Buffer },
) {
  const boundary = `----matrix-${randomUUID()}`;
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(
      parts.join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const pdf = () => multipart({}, { name: 'scan.pdf', type: 'application/pdf', data: PDF });
export const registration = (departmentId: string | undefined, n: number) => ({
  applicant: { kind: 'person', name: `矩阵申请人${n}`, phone: '13912340000' },
  channel: 'visit',
  receivedAt: '2026-11-20T09:00:00+08:00',
  matterType: 'licensing',
  matterTitle: '矩阵事项',
  description: '权限矩阵',
  ...(departmentId && { departmentId }),
});

export const only = (a: Attempt): { in: Attempt; out: null } => ({ in: a, out: null });
export const both = (make: (id: string) => Attempt, reach: string, out: string) => ({
  in: make(reach),
  out: make(out),
});

export const TEMPLATES: Record<string, Template> = {
  'GET /api/health': () => only({ method: 'GET', url: '/api/health' }),
  'POST /api/auth/login': (_f, who) => ({
    in:
      who === 'anon'
        ? null
        : {
            method: 'POST',
            url: '/api/auth/login',
            body: { username: who, password: DEMO_PASSWORD },
            anonymous: true,
          },
    out: null,
  }),
  'POST /api/auth/logout': () => only({ method: 'POST', url: '/api/auth/logout', ownSession: true }),
  'GET /api/auth/me': () => only({ method: 'GET', url: '/api/auth/me' }),
  'POST /api/auth/password': () =>
    only({
      method: 'POST',
      url: '/api/auth/password',
      body: { currentPassword: 'not-the-password', newPassword: 'Matrix-Password#2026' },
    }),
  // The language each person already has: allowed to all, and changes nothing.
  'PUT /api/auth/language': () =>
    only({ method: 'PUT', url: '/api/auth/language', body: { language: 'zh' } }),
  'GET /api/org/tree': () => only({ method: 'GET', url: '/api/org/tree' }),
  'POST /api/org/units': (f, who) =>
    only({ method: 'POST', url: '/api/org/units', body: { parentId: f.bureau, name: `矩阵所${who}` } }),
  'PATCH /api/org/units/:id': (f) =>
    both(
      (id) => ({ method: 'PATCH', url: `/api/org/units/${id}`, body: { name: '矩阵改名', version: 99 } }),
      f.unit,
      MISSING(),
    ),
  'DELETE /api/org/units/:id': (f) =>
    both((id) => ({ method: 'DELETE', url: `/api/org/units/${id}?version=99` }), f.unit, MISSING()),
  'POST /api/org/departments': (f, who) =>
    only({ method: 'POST', url: '/api/org/departments', body: { unitId: f.bureau, name: `矩阵科${who}` } }),
  'PATCH /api/org/departments/:id': (f) =>
    both(
      (id) => ({
        method: 'PATCH',
        url: `/api/org/departments/${id}`,
        body: { name: '矩阵改名', version: 99 },
      }),
      f.department,
      MISSING(),
    ),
  'DELETE /api/org/departments/:id': (f) =>
    both(
      (id) => ({ method: 'DELETE', url: `/api/org/departments/${id}?version=99` }),
      f.department,
      MISSING(),
    ),
  'GET /api/people': () => only({ method: 'GET', url: '/api/people' }),
  'POST /api/people': (f, who) =>
    only({
      method: 'POST',
      url: '/api/people',
      body: {
        username: `matrix${who}`,
        displayName: '矩阵人',
        departmentId: f.deptIn,
        password: 'Matrix-Person#2026',
      },
    }),
  'GET /api/people/:id': (f) =>
    both((id) => ({ method: 'GET', url: `/api/people/${id}` }), f.person, MISSING()),
  'PATCH /api/people/:id': (f) =>
    both(
      (id) => ({ method: 'PATCH', url: `/api/people/${id}`, body: { displayName: '改名', version: 99 } }),
      f.person,
      MISSING(),
    ),
  'POST /api/people/:id/disable': (f) =>
    both(
      (id) => ({ method: 'POST', url: `/api/people/${id}/disable`, body: { version: 99 } }),
      f.person,
      MISSING(),
    ),
  'POST /api/people/:id/enable': (f) =>
    both(
      (id) => ({ method: 'POST', url: `/api/people/${id}/enable`, body: { version: 99 } }),
      f.person,
      MISSING(),
    ),
  'POST /api/people/:id/reset-password': (f) =>
    both(
      (id) => ({
        method: 'POST',
        url: `/api/people/${id}/reset-password`,
        body: { newPassword: 'Matrix-Reset#2026', version: 99 },
      }),
      f.person,
      MISSING(),
    ),
  'GET /api/chains': () => only({ method: 'GET', url: '/api/chains' }),
  'GET /api/chains/roster.xlsx': () => only({ method: 'GET', url: '/api/chains/roster.xlsx' }),
  'GET /api/chains/:departmentId/history': (f) =>
    both((id) => ({ method: 'GET', url: `/api/chains/${id}/history` }), f.deptIn, MISSING()),
  'PUT /api/chains/:departmentId': (f) =>
    both(
      (id) => ({
        method: 'PUT',
        url: `/api/chains/${id}`,
        // The department's chain as it is, from a date after the tests' cases: nothing about access moves.
        body: {
          effectiveFrom: '2027-06-01',
          firstResponderIds: [f.personIds['shouwen'], f.personIds['djzc2']],
          deptHeadId: f.personIds['keshi'],
          leaderInChargeId: f.personIds['fenguan'],
          principalLeaderId: f.personIds['juzhang'],
        },
      }),
      f.deptIn,
      MISSING(),
    ),
  'POST /api/chains/roster/import': (f) =>
    only({
      method: 'POST',
      url: '/api/chains/roster/import',
      multipart: multipart(
        { effectiveFrom: '2027-07-01' },
        {
          name: 'roster.xlsx',
          type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          data: f.roster,
        },
      ),
    }),
  'GET /api/audit': () => only({ method: 'GET', url: '/api/audit?pageSize=100' }),
  'GET /api/calendar/due': () => only({ method: 'GET', url: '/api/calendar/due?from=2026-09-30&workdays=3' }),
  'GET /api/calendar/workdays': () =>
    only({ method: 'GET', url: '/api/calendar/workdays?from=2026-09-30&to=2026-10-10' }),
  'GET /api/calendar/status': () => only({ method: 'GET', url: '/api/calendar/status' }),
  'GET /api/calendar/years': () => only({ method: 'GET', url: '/api/calendar/years' }),
  'GET /api/calendar/years/:year': () => only({ method: 'GET', url: '/api/calendar/years/2026' }),
  'GET /api/settings/bureau': () => only({ method: 'GET', url: '/api/settings/bureau' }),
  // A stale version: the administrator gets through to the 409, and nothing changes.
  'PUT /api/settings/bureau': () =>
    only({
      method: 'PUT',
      url: '/api/settings/bureau',
      body: {
        levelWorkdays: { 2: 2, 3: 2, 4: 2 },
        replyCounting: 'finalRefusal',
        replyWorkdays: 3,
        followUpWorkdays: 5,
        version: 99,
      },
    }),
  'PUT /api/calendar/years/:year': () =>
    only({
      method: 'PUT',
      url: '/api/calendar/years/2031',
      body: { holidays: [{ date: '2031-01-01', name: '元旦' }], workdays: [] },
    }),
  'POST /api/calendar/years/:year/import': () =>
    only({
      method: 'POST',
      url: '/api/calendar/years/2032/import',
      multipart: multipart(
        {},
        { name: '2032.csv', type: 'text/csv', data: Buffer.from('2032-01-01,休,元旦\n') },
      ),
    }),
  'POST /api/cases': (f, _who, n) => ({
    in: { method: 'POST', url: '/api/cases', body: registration(undefined, n) },
    out: { method: 'POST', url: '/api/cases', body: registration(f.deptOut, n) },
  }),
  'GET /api/cases': () => only({ method: 'GET', url: '/api/cases?view=all&pageSize=100' }),
  'GET /api/follow-ups': () => only({ method: 'GET', url: '/api/follow-ups' }),
  'GET /api/overview': () => only({ method: 'GET', url: '/api/overview' }),
  'GET /api/cases/:id': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}` }), f.caseIn.id, f.caseOut.id),
  'POST /api/cases/:id/actions': (f) =>
    both(
      (id) => ({
        method: 'POST',
        url: `/api/cases/${id}/actions`,
        body: { version: 99, action: { type: 'recordFollowUp', outcome: 'implemented', note: '矩阵跟踪' } },
      }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'POST /api/cases/:id/reveal-phone': (f) =>
    both((id) => ({ method: 'POST', url: `/api/cases/${id}/reveal-phone` }), f.caseIn.id, f.caseOut.id),
  'GET /api/cases/:id/contributions': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}/contributions` }), f.caseIn.id, f.caseOut.id),
  'POST /api/cases/:id/contributions': (f) => ({
    in: {
      method: 'POST',
      url: `/api/cases/${f.caseIn.id}/contributions`,
      body: { departmentId: f.deptIn, text: '矩阵协作' },
    },
    out: {
      method: 'POST',
      url: `/api/cases/${f.caseOut.id}/contributions`,
      body: { departmentId: f.deptOut, text: '矩阵协作' },
    },
  }),
  // Cross-department matters (会商, 协作配合): a stale version, and no consultation waiting on either case.
  'PUT /api/cases/:id/co-departments': (f) =>
    both(
      (id) => ({
        method: 'PUT',
        url: `/api/cases/${id}/co-departments`,
        body: { version: 99, departmentIds: [] },
      }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'GET /api/cases/:id/consultation/candidates': (f) =>
    both(
      (id) => ({ method: 'GET', url: `/api/cases/${id}/consultation/candidates` }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'POST /api/cases/:id/consultation/invitees': (f) =>
    both(
      (id) => ({
        method: 'POST',
        url: `/api/cases/${id}/consultation/invitees`,
        body: { personIds: [MISSING()] },
      }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'GET /api/cases/:id/consultation-minutes.docx': (f) =>
    both(
      (id) => ({ method: 'GET', url: `/api/cases/${id}/consultation-minutes.docx` }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'GET /api/notifications': () => only({ method: 'GET', url: '/api/notifications?pageSize=100' }),
  'POST /api/notifications/:id/read': (f, who) => ({
    in:
      who === 'anon'
        ? { method: 'POST', url: `/api/notifications/${MISSING()}/read` }
        : f.notificationOf[who]
          ? { method: 'POST', url: `/api/notifications/${f.notificationOf[who]}/read` }
          : null,
    out: { method: 'POST', url: `/api/notifications/${f.notificationNotOf[who] ?? MISSING()}/read` },
  }),
  'POST /api/notifications/read-all': () => only({ method: 'POST', url: '/api/notifications/read-all' }),
  // The public routes: an empty code is refused before anything is looked up (and before a wrong code
  // would count against the address), for everyone alike: no session is needed or used.
  'POST /api/public/track': () => only({ method: 'POST', url: '/api/public/track', body: { code: '' } }),
  'POST /api/public/track/rating': () =>
    only({ method: 'POST', url: '/api/public/track/rating', body: { code: '', rating: 'satisfied' } }),
  'POST /api/public/track/reopen': () =>
    only({ method: 'POST', url: '/api/public/track/reopen', body: { code: '', reason: '矩阵' } }),
  'GET /api/cases/:id/tracking': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}/tracking` }), f.caseIn.id, f.caseOut.id),
  'POST /api/cases/:id/tracking-code': (f) =>
    both((id) => ({ method: 'POST', url: `/api/cases/${id}/tracking-code` }), f.caseIn.id, f.caseOut.id),
  'POST /api/cases/:id/ratings': (f) =>
    both(
      (id) => ({ method: 'POST', url: `/api/cases/${id}/ratings`, body: { rating: 'satisfied' } }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'POST /api/cases/:id/receipt.docx': (f) =>
    both(
      (id) => ({ method: 'POST', url: `/api/cases/${id}/receipt.docx`, body: {} }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'GET /api/supervision/flags': () => only({ method: 'GET', url: '/api/supervision/flags' }),
  'GET /api/cases/:id/form.docx': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}/form.docx` }), f.caseIn.id, f.caseOut.id),
  'GET /api/cases/:id/reply-letter.docx': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}/reply-letter.docx` }), f.caseIn.id, f.caseOut.id),
  'GET /api/cases/:id/notice.docx': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}/notice.docx` }), f.caseIn.id, f.caseOut.id),
  'GET /api/cases/:id/attachments': (f) =>
    both((id) => ({ method: 'GET', url: `/api/cases/${id}/attachments` }), f.caseIn.id, f.caseOut.id),
  'POST /api/cases/:id/attachments': (f) =>
    both(
      (id) => ({ method: 'POST', url: `/api/cases/${id}/attachments`, multipart: pdf() }),
      f.caseIn.id,
      f.caseOut.id,
    ),
  'GET /api/cases/:id/attachments/:attachmentId': (f) => ({
    in: { method: 'GET', url: `/api/cases/${f.caseIn.id}/attachments/${f.attachmentIn}` },
    out: { method: 'GET', url: `/api/cases/${f.caseOut.id}/attachments/${f.attachmentOut}` },
  }),
  'GET /api/public/rules': () => only({ method: 'GET', url: '/api/public/rules' }),
  'GET /api/public/units': () => only({ method: 'GET', url: '/api/public/units' }),
  'GET /api/public/chain': () => only({ method: 'GET', url: '/api/public/chain' }),
  'GET /api/public/departments/:id': (f) =>
    both((id) => ({ method: 'GET', url: `/api/public/departments/${id}` }), f.deptIn, f.deptOut),
  'GET /api/portal/rules': () => only({ method: 'GET', url: '/api/portal/rules' }),
  // A stale version: the administrator gets through to the 409, and nothing changes.
  'PUT /api/portal/rules/draft': () =>
    only({
      method: 'PUT',
      url: '/api/portal/rules/draft',
      body: { title: '矩阵', summary: '矩阵', rules: '矩阵', duties: '矩阵', version: 99 },
    }),
  'POST /api/portal/rules/draft/publish': () =>
    only({ method: 'POST', url: '/api/portal/rules/draft/publish', body: { version: 99 } }),
  'GET /api/departments/:id/matters': (f) =>
    both((id) => ({ method: 'GET', url: `/api/departments/${id}/matters` }), f.deptIn, f.deptOut),
  'POST /api/departments/:id/matters': (f, who) =>
    both(
      (id) => ({
        method: 'POST',
        url: `/api/departments/${id}/matters`,
        body: { title: `矩阵事项${who}${id.slice(0, 4)}`, matterType: 'service' },
      }),
      f.deptIn,
      f.deptOut,
    ),
  'GET /api/deputies': () => only({ method: 'GET', url: '/api/deputies' }),
  'GET /api/deputies/candidates': () => only({ method: 'GET', url: '/api/deputies/candidates' }),
  'POST /api/deputies': (f, who) => {
    const appoint = (forPersonId: string): Attempt => ({
      method: 'POST',
      url: '/api/deputies',
      body: { deputyId: f.personIds['djzc2'], forPersonId, fromDate: '2099-01-01', toDate: '2099-01-05' },
    });
    // Administrators appoint for a holder (they hold no position themselves); others for themselves.
    return {
      in: appoint(f.personIds[who === 'admin' ? 'spsc2' : who] ?? MISSING()),
      out: appoint(MISSING()),
    };
  },
  'POST /api/deputies/:id/end': (f, who) => ({
    in: { method: 'POST', url: `/api/deputies/${f.deputyOf[who] ?? MISSING()}/end`, body: {} },
    out: { method: 'POST', url: `/api/deputies/${f.deputyNotOf[who] ?? MISSING()}/end`, body: {} },
  }),
  'PATCH /api/matters/:id': (f) =>
    both(
      (id) => ({ method: 'PATCH', url: `/api/matters/${id}`, body: { remarks: '矩阵', version: 99 } }),
      f.matterIn,
      f.matterOut,
    ),
  'POST /api/matters/:id/deactivate': (f) =>
    both(
      (id) => ({ method: 'POST', url: `/api/matters/${id}/deactivate`, body: { version: 99 } }),
      f.matterIn,
      f.matterOut,
    ),
};
