import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { databaseDigest } from './db-digest.ts';

const BOUNDARY = 'bancheng-malformed';
let addresses = 0;
const nextAddress = () => `203.0.113.${++addresses}`;

/** Bodies that do not parse as multipart/form-data, with the content type each is sent with. */
const MALFORMED: { name: string; contentType: string; body: string }[] = [
  { name: 'no boundary', contentType: 'multipart/form-data', body: 'not multipart at all' },
  { name: 'an empty boundary', contentType: 'multipart/form-data; boundary=', body: '--\r\n' },
  {
    name: 'a truncated body',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body:
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n2026-01-01,休,元旦\r\n%PDF-1.7 cut short',
  },
  {
    name: 'a part cut inside its headers',
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filena`,
  },
  { name: 'no delimiter at all', contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: 'garbage' },
];

describe.each(DIALECTS)('malformed multipart bodies and URLs get the 400 envelope [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client, shouwen: Client, ducha: Client, keshi: Client;
  let uploads: { who: () => Client | null; url: string }[];

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: 'true' });
    [admin, shouwen, ducha, keshi] = await Promise.all([
      t.signIn('admin'),
      t.signIn('shouwen'),
      t.signIn('ducha'),
      t.signIn('keshi'),
    ]);
    const caseId = (await shouwen.request('GET', '/api/cases?view=mine')).json().items[0].id as string;
    // A report in the ledger with an open supervision order to 登记注册科 (keshi heads it).
    const dep = await t.ctx.database.db
      .selectFrom('departments')
      .select(['id', 'unit_id'])
      .where('name', '=', '登记注册科')
      .executeTakeFirstOrThrow();
    const report = await ducha.request('POST', '/api/ledger/reports', {
      source: 'phone',
      what: '电话反映：窗口无人',
      unitId: dep.unit_id,
      departmentId: dep.id,
    });
    const reportId = report.json().report.id as string;
    await ducha.request('POST', `/api/ledger/reports/${reportId}/triage`, { decision: 'inScope' });
    const ordered = await ducha.request('POST', `/api/ledger/reports/${reportId}/orders`, {
      departmentId: dep.id,
      instructions: '请核查',
      dueWorkdays: 5,
    });
    const orderId = ordered.json().orders[0].id as string;
    uploads = [
      { who: () => admin, url: '/api/chains/roster/import' },
      { who: () => admin, url: '/api/calendar/years/2031/import' },
      { who: () => shouwen, url: `/api/cases/${caseId}/attachments` },
      { who: () => ducha, url: `/api/ledger/reports/${reportId}/attachments` },
      { who: () => keshi, url: `/api/ledger/orders/${orderId}/attachments` },
      // The public report form: no session at all.
      { who: () => null, url: '/api/public/reports' },
    ];
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('every upload route has a case here (routes consuming multipart/form-data)', () => {
    const multipartRoutes = t.routes
      .filter((r) => r.consumes?.includes('multipart/form-data'))
      .map((r) => `${r.method} ${r.url}`);
    expect(multipartRoutes.sort()).toEqual(
      [
        'POST /api/calendar/years/:year/import',
        'POST /api/cases/:id/attachments',
        'POST /api/chains/roster/import',
        'POST /api/ledger/orders/:id/attachments',
        'POST /api/ledger/reports/:id/attachments',
        'POST /api/public/reports',
      ].sort(),
    );
  });

  for (const m of MALFORMED) {
    it(`${m.name} → 400 MALFORMED_MULTIPART on every upload route, nothing stored`, async () => {
      for (const u of uploads) {
        const c = u.who();
        // The public form counts every attempt from an address (a burst of garbage is a burst too): each
        // request here comes from an address of its own, and that counter is not what "nothing stored"
        // is about.
        const digest = () => databaseDigest(t, c ? {} : { skipTables: ['public_throttle'] });
        const before = await digest();
        const res = await t.inject({
          method: 'POST',
          url: u.url,
          headers: {
            ...(c ? { cookie: c.cookie, 'x-csrf-token': c.csrfToken } : { 'x-forwarded-for': nextAddress() }),
            'content-type': m.contentType,
          },
          payload: m.body,
        });
        expect(res.statusCode, `${u.url}: ${res.body}`).toBe(400);
        expect(res.json()).toEqual({
          error: { code: 'MALFORMED_MULTIPART', message: '上传的内容不完整或格式不正确，请重新选择文件上传' },
        });
        expect(await digest(), u.url).toBe(before);
      }
    });
  }

  it('a path that does not decode → 400 MALFORMED_URL in the envelope, in the request’s language', async () => {
    for (const url of ['/api/cases/%ff', '/api/%', '/api/cases/%E4%B8/form.docx']) {
      const res = await shouwen.request('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ error: { code: 'MALFORMED_URL', message: '请求地址无效' } });
    }
    const en = await t.inject({
      method: 'POST',
      url: '/api/cases/%ff/actions',
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(400);
    expect(en.json()).toEqual({ error: { code: 'MALFORMED_URL', message: 'The request URL is not valid' } });
  });
});
