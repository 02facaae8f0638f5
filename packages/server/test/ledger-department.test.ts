// Acceptance 5: the department ordered to act never receives the reporter's name or phone — every route
// of the ledger module walked as its department head, and their notifications. And outsiders: 404 on
// every route, nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { PNG, reportForm, solvedAltcha } from './ledger-fixtures.ts';
import { fixedClock } from '../src/platform/clock.ts';

const NOW = '2026-12-01T02:00:00Z';
const NAME = '司马举报';
const PHONE = '13698765432';

describe.each(DIALECTS)(
  'ledger: what the department and outsiders get [%s]',
  { timeout: 120_000 },
  (dialect) => {
    let t: TestApp;
    let ducha: Client, keshi: Client, outsider: Client;
    let reportId: string, orderId: string, attachmentId: string, caseId: string;

    beforeAll(async () => {
      t = await createTestApp(dialect, { TRUST_PROXY: 'true' }, { clock: fixedClock(NOW) });
      [ducha, keshi, outsider] = await Promise.all([t.signIn('ducha'), t.signIn('keshi'), t.signIn('jgjc1')]);
      const db = t.ctx.database.db;
      const dep = await db
        .selectFrom('departments')
        .select(['id', 'unit_id'])
        .where('name', '=', '登记注册科')
        .executeTakeFirstOrThrow();
      const form = reportForm({
        report: {
          what: '窗口推诿',
          unitId: dep.unit_id,
          departmentId: dep.id,
          name: NAME,
          phone: PHONE,
          wantsSms: true,
          consent: true,
        },
        altcha: await solvedAltcha(t),
        files: [{ name: `${NAME}.png`, content: PNG }],
      });
      const res = await t.inject({
        method: 'POST',
        url: '/api/public/reports',
        payload: form.payload,
        headers: form.headers,
      });
      expect(res.statusCode).toBe(201);
      const row = await db
        .selectFrom('reports')
        .select('id')
        .where('source', '=', 'site')
        .executeTakeFirstOrThrow();
      reportId = row.id;
      await ducha.request('POST', `/api/ledger/reports/${reportId}/triage`, { decision: 'inScope' });
      const caseRow = await db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
      caseId = caseRow.id;
      await ducha.request('POST', `/api/ledger/reports/${reportId}/cases`, { caseId });
      const order = await ducha.request('POST', `/api/ledger/reports/${reportId}/orders`, {
        departmentId: dep.id,
        instructions: '请核查',
        dueWorkdays: 3,
      });
      orderId = order.json().orders[0].id;
      attachmentId = order.json().attachments[0].id;
    });
    afterAll(async () => {
      await t.dispose();
    });

    const BODIES: Record<string, unknown> = {
      'POST /api/ledger/reports': { source: 'phone', what: 'x', unitId: 'none' },
      'POST /api/ledger/reports/:id/triage': { decision: 'inScope' },
      'POST /api/ledger/reports/:id/cases': { caseId: 'c' },
      'POST /api/ledger/reports/:id/orders': { departmentId: 'd', instructions: 'x', dueWorkdays: 1 },
      'POST /api/ledger/reports/:id/reply': { text: 'x' },
      'POST /api/ledger/reports/:id/referral': { note: 'x' },
      'POST /api/ledger/orders/:id/answer': { text: '已办理' },
      'POST /api/ledger/orders/:id/verify': { accept: true },
      'POST /api/ledger/referrals/:id/finding': { substantiated: false, notes: 'x' },
    };

    function ledgerRoutes() {
      return t.routes.filter((r) => r.url.startsWith('/api/ledger/') && r.method !== 'HEAD');
    }
    function urlOf(url: string): string {
      const id = url.startsWith('/api/ledger/orders') ? orderId : reportId;
      return url.replace(':id', id).replace(':attachmentId', attachmentId).replace(':caseId', caseId);
    }
    async function walk(client: Client) {
      const answers: { route: string; status: number; body: string }[] = [];
      for (const r of ledgerRoutes()) {
        const key = `${r.method} ${r.url}`;
        const res =
          r.url.endsWith('/attachments') && r.method === 'POST'
            ? await t.inject({
                method: 'POST',
                url: urlOf(r.url),
                headers: {
                  cookie: client.cookie,
                  'x-csrf-token': client.csrfToken,
                  'content-type': 'multipart/form-data; boundary=b',
                },
                payload: Buffer.from(
                  '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n' +
                    PNG.toString('latin1') +
                    '\r\n--b--\r\n',
                  'latin1',
                ),
              })
            : await client.request(r.method as 'GET', urlOf(r.url), BODIES[key]);
        answers.push({
          route: key,
          status: res.statusCode,
          body: res.rawPayload.toString('latin1') + res.body,
        });
      }
      return answers;
    }

    it('the department head walks every route: never the name or the phone', async () => {
      const answers = await walk(keshi);
      expect(answers.length).toBeGreaterThanOrEqual(20);
      for (const a of answers) {
        expect(a.body, a.route).not.toContain(NAME);
        expect(a.body, a.route).not.toContain(PHONE);
        expect(a.body, a.route).not.toContain(PHONE.slice(-4));
      }
      // The routes meant for them answered.
      const ok = (route: string) => answers.find((a) => a.route === route)?.status;
      expect(ok('GET /api/ledger/orders')).toBe(200);
      expect(ok('GET /api/ledger/orders/:id')).toBe(200);
      expect(ok('POST /api/ledger/orders/:id/answer')).toBe(200);
      expect(ok('GET /api/ledger/reports/:id')).toBe(404);
      expect(ok('POST /api/ledger/reports/:id/reveal')).toBe(404);
      const notes = await keshi.request('GET', '/api/notifications?pageSize=200');
      expect(notes.body).not.toContain(NAME);
      expect(notes.body).not.toContain(PHONE);
      const db = t.ctx.database.db;
      const outbox = JSON.stringify(
        await db.selectFrom('outbox').selectAll().where('person_id', '=', keshi.personId).execute(),
      );
      expect(outbox).not.toContain(NAME);
      expect(outbox).not.toContain(PHONE);
    });

    it('outsiders get 404 on every route and nothing changes', async () => {
      const db = t.ctx.database.db;
      const snapshot = async () =>
        JSON.stringify(
          await Promise.all([
            db.selectFrom('reports').selectAll().orderBy('id').execute(),
            db.selectFrom('supervision_orders').selectAll().orderBy('id').execute(),
            db.selectFrom('report_attachments').select('id').orderBy('id').execute(),
            db.selectFrom('report_cases').selectAll().orderBy('case_id').execute(),
            db.selectFrom('report_referrals').selectAll().orderBy('id').execute(),
          ]),
        );
      const before = await snapshot();
      const answers = await walk(outsider);
      for (const a of answers) {
        expect([404, 400], a.route).toContain(a.status);
        if (a.status === 400) expect(a.route).toBe('POST /api/ledger/reports');
        expect(a.body, a.route).not.toContain(NAME);
      }
      expect(await snapshot()).toBe(before);
    });
  },
);
