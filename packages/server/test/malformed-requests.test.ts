import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { databaseDigest } from './db-digest.ts';

const BOUNDARY = 'bancheng-malformed';

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
  let admin: Client, shouwen: Client;
  let uploads: { who: () => Client; url: string }[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, shouwen] = await Promise.all([t.signIn('admin'), t.signIn('shouwen')]);
    const caseId = (await shouwen.request('GET', '/api/cases?view=mine')).json().items[0].id as string;
    uploads = [
      { who: () => admin, url: '/api/chains/roster/import' },
      { who: () => admin, url: '/api/calendar/years/2031/import' },
      { who: () => shouwen, url: `/api/cases/${caseId}/attachments` },
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
      ].sort(),
    );
  });

  for (const m of MALFORMED) {
    it(`${m.name} → 400 MALFORMED_MULTIPART on every upload route, nothing stored`, async () => {
      for (const u of uploads) {
        const c = u.who();
        const before = await databaseDigest(t);
        const res = await t.inject({
          method: 'POST',
          url: u.url,
          headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': m.contentType },
          payload: m.body,
        });
        expect(res.statusCode, `${u.url}: ${res.body}`).toBe(400);
        expect(res.json()).toEqual({
          error: { code: 'MALFORMED_MULTIPART', message: '上传的内容不完整或格式不正确，请重新选择文件上传' },
        });
        expect(await databaseDigest(t)).toBe(before);
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
