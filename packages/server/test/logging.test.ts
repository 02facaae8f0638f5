import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

describe.each(DIALECTS)('structured logs [%s]', (dialect) => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(
      dialect,
      { LOG_LEVEL: 'info' },
      { logStream: { write: (line) => void lines.push(line) } },
    );
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('writes JSON lines with request ids and no passwords, session ids or full phone numbers', async () => {
    const admin = await t.signIn('admin');
    await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'keshi', password: 'Wrong#Password1' },
    });
    await admin.request('GET', '/api/people?q=13800000041');
    await admin.request('POST', '/api/people', {
      username: 'logcheck',
      displayName: '日志检查',
      departmentId: (await admin.request('GET', '/api/org/tree')).json().units[0].departments[0].id,
      roles: [],
      phone: '13912345678',
      password: 'Secret#Pass2026',
    });
    const text = lines.join('');
    const entries = lines
      .flatMap((l) => l.split('\n'))
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(entries.length).toBeGreaterThan(4);
    expect(entries.filter((e) => e.req).every((e) => typeof e.reqId === 'string')).toBe(true);
    expect(text).not.toContain('Demo@2026');
    expect(text).not.toContain('Wrong#Password1');
    expect(text).not.toContain('Secret#Pass2026');
    expect(text).not.toContain('13800000041');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain(admin.cookie.split('=')[1]);
    expect(text).not.toContain(admin.csrfToken);
    expect(text).toContain('138****0041');
  });
});
