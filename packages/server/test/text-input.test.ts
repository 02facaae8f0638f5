import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { databaseDigest } from './db-digest.ts';

const registration = (applicantName: string, description = '企业希望在住宅楼一层开设食品加工作坊') => ({
  applicant: { kind: 'person', name: applicantName, phone: '13912345678' },
  channel: 'visit',
  receivedAt: '2026-11-20T09:30:00+08:00',
  matterType: 'licensing',
  matterTitle: '食品经营许可',
  description,
});

describe.each(DIALECTS)('text fields refuse control characters and invalid Unicode [%s]', (dialect) => {
  let t: TestApp;
  let admin: Client, shouwen: Client;
  let rootUnitId: string, departmentId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    [admin, shouwen] = await Promise.all([t.signIn('admin'), t.signIn('shouwen')]);
    const tree = (await admin.request('GET', '/api/org/tree')).json();
    rootUnitId = tree.units[0].id;
    departmentId = tree.units[0].departments[0].id;
  });
  afterAll(async () => {
    await t.dispose();
  });

  /** Sends a refused request and proves that nothing at all was written. */
  async function refused(c: Client, method: 'POST' | 'PUT', url: string, body: unknown) {
    const before = await databaseDigest(t);
    const res = await c.request(method, url, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(await databaseDigest(t)).toBe(before);
    return res.json().error.fields as Record<string, string>;
  }

  it('a NUL in the applicant’s name on case registration → 400 naming applicant.name, nothing stored', async () => {
    const fields = await refused(shouwen, 'POST', '/api/cases', registration('张\u0000三'));
    expect(fields).toEqual({ 'applicant.name': '不能包含控制字符' });
  });

  it('a NUL in a person’s name → 400 naming displayName, nothing stored', async () => {
    const fields = await refused(admin, 'POST', '/api/people', {
      username: 'nul.person',
      displayName: '\u0000',
      departmentId,
      password: 'Xk9#mQ2$vL7p',
    });
    expect(fields).toEqual({ displayName: '不能包含控制字符' });
  });

  it('a NUL in an organisation unit’s name → 400 naming name, nothing stored', async () => {
    const fields = await refused(admin, 'POST', '/api/org/units', {
      parentId: rootUnitId,
      name: '分局\u0000',
    });
    expect(fields).toEqual({ name: '不能包含控制字符' });
  });

  it('other control characters (tab, line feed, DEL, C1) are refused in one-line fields', async () => {
    for (const ch of ['\t', '\n', '\u0007', '\u007f', '\u0085', '\u009b']) {
      const fields = await refused(admin, 'POST', '/api/org/units', {
        parentId: rootUnitId,
        name: `分${ch}局`,
      });
      expect(fields['name']).toBe('不能包含控制字符');
    }
  });

  it('a lone surrogate sent as a JSON escape → 400 naming the field (not silently replaced)', async () => {
    const before = await databaseDigest(t);
    const payload = JSON.stringify(registration('张三', 'x')).replace(
      '"description":"x"',
      '"description":"a\\ud800b"',
    );
    const res = await t.inject({
      method: 'POST',
      url: '/api/cases',
      headers: {
        cookie: shouwen.cookie,
        'x-csrf-token': shouwen.csrfToken,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual({ description: 'contains invalid characters' });
    expect(await databaseDigest(t)).toBe(before);
  });

  it('long texts keep tab and line breaks but refuse NUL; search terms refuse NUL', async () => {
    const fields = await refused(shouwen, 'POST', '/api/cases', registration('张三', '第一行\u0000'));
    expect(fields).toEqual({ description: '不能包含控制字符' });

    const ok = await shouwen.request(
      'POST',
      '/api/cases',
      registration('张三', '第一行\n\t第二行\r\n第三行'),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const stored = (await shouwen.request('GET', `/api/cases/${ok.json().id}`)).json();
    expect(stored.description).toBe('第一行\n\t第二行\r\n第三行');

    const byId = await shouwen.request('GET', '/api/cases/a%00b');
    expect(byId.statusCode, byId.body).toBe(400);
    expect(byId.json().error.fields).toEqual({ id: '不能包含控制字符' });

    const search = await shouwen.request('GET', '/api/cases?q=%00');
    expect(search.statusCode, search.body).toBe(400);
    expect(search.json().error.fields).toEqual({ q: '不能包含控制字符' });
    const login = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a\u0000', password: 'x' },
    });
    expect(login.statusCode).toBe(400);
    expect(login.json().error.fields).toEqual({ username: '不能包含控制字符' });
  });
});
