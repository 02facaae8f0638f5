import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

describe.each(DIALECTS)('sign-in and sessions [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('reports health with the dialect in use', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: dialect, version: expect.any(String) });
  });

  it('signs in with an HttpOnly, SameSite=Lax cookie and returns the person with chain positions', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'keshi', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'bc_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const me = res.json();
    expect(me.username).toBe('keshi');
    expect(me.roles).toContain('deptHead');
    expect(me.departments[0].name).toBe('登记注册科');
    expect(me.chainPositions).toEqual([
      expect.objectContaining({ departmentName: '登记注册科', position: 'deptHead' }),
    ]);
    expect(JSON.stringify(me)).not.toContain('password');
  });

  it('gives each sign-in a new session id', async () => {
    const a = await t.signIn('shouwen');
    const b = await t.signIn('shouwen');
    expect(a.cookie).not.toBe(b.cookie);
    expect((await a.request('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('answers 401 without a session and after logout', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const c = await t.signIn('fenguan');
    expect((await c.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    const after = await c.request('GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a state-changing request without the CSRF header', async () => {
    const c = await t.signIn('juzhang');
    const res = await t.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses a cross-site sign-in by its Origin', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example', host: 'localhost:3000' },
      payload: { username: 'juzhang', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('ends a session that has been idle too long', async () => {
    const c = await t.signIn('ducha');
    await t.ctx.database.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('person_id', '=', c.personId)
      .execute();
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('ends a session past its absolute lifetime even when active', async () => {
    const c = await t.signIn('jijian');
    await t.ctx.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('person_id', '=', c.personId)
      .execute();
    expect((await c.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('answers the same for an unknown user as for a wrong password', async () => {
    const unknown = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().error.message).toBe('用户名或密码错误');
  });

  it('speaks English when asked', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { username: 'nobody', password: 'x' },
    });
    expect(res.json().error.message).toBe('Wrong username or password');
  });
});

describe.each(DIALECTS)('lockout after wrong passwords [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const attempt = (password: string, username = 'djzc2') =>
    t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  it('locks the account at the fifth wrong password and refuses even the right one until the lock ends', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await attempt('wrong-password');
      expect(res.statusCode).toBe(401);
    }
    const fifth = await attempt('wrong-password');
    expect(fifth.statusCode).toBe(423);
    const sixth = await attempt('wrong-password');
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(14 * 60);
    const right = await attempt('Demo@2026');
    expect(right.statusCode).toBe(423);

    const events = await t.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'payload'])
      .where('type', 'in', ['auth.loginFailed', 'auth.accountLocked'])
      .execute();
    expect(events.filter((e) => e.type === 'auth.accountLocked')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'auth.loginFailed').length).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(events)).not.toContain('wrong-password');

    // When the lock has run out, the right password works again.
    await t.ctx.database.db
      .updateTable('people')
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where('username', '=', 'djzc2')
      .execute();
    expect((await attempt('Demo@2026')).statusCode).toBe(200);
  });

  it('audits every successful sign-in', async () => {
    await t.signIn('spsc1');
    const e = await t.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('type', '=', 'auth.login')
      .execute();
    expect(e.some((x) => JSON.parse(x.payload).username === 'spsc1' && x.actor_address === '127.0.0.1')).toBe(
      true,
    );
  });
});

describe.each(DIALECTS)('lockout per address [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('stops an address that sprays passwords over many accounts', async () => {
    for (const username of ['spsc1', 'spsc2', 'jgjc1']) {
      await t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'nope' } });
    }
    const res = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xbk1', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('ADDRESS_LOCKED');
  });
});

describe.each(DIALECTS)('first start in production [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('creates only admin with a one-time password that must be changed first', async () => {
    expect(t.boot.kind).toBe('admin');
    if (t.boot.kind !== 'admin') return;
    const people = await t.ctx.database.db.selectFrom('people').select('username').execute();
    expect(people.map((p) => p.username)).toEqual(['admin']);
    const c = await t.signIn('admin', t.boot.password);
    const me = (await c.request('GET', '/api/auth/me')).json();
    expect(me.mustChangePassword).toBe(true);
    const blocked = await c.request('GET', '/api/org/tree');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await c.request('POST', '/api/auth/password', {
      currentPassword: t.boot.password,
      newPassword: 'password123',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect(weak.json().error.fields.newPassword).toBeTruthy();

    const changed = await c.request('POST', '/api/auth/password', {
      currentPassword: t.boot.password,
      newPassword: 'Bureau-Chief#2026',
    });
    expect(changed.statusCode).toBe(204);
    expect((await c.request('GET', '/api/org/tree')).statusCode).toBe(200);
    await expect(t.signIn('admin', t.boot.password)).rejects.toThrow();
    await t.signIn('admin', 'Bureau-Chief#2026');
  });
});
