// Simultaneous sign-in attempts cannot outrun the lockout: each attempt is counted before its password is
// checked, so at most LOGIN_MAX_FAILURES (5) passwords are checked per account, and at most
// LOGIN_MAX_FAILURES_PER_ADDRESS per address, however many arrive at once.
import diagnostics from 'node:diagnostics_channel';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';
import { DEMO_PASSWORD } from '../src/bootstrap/demo/demo-bureau.ts';

const CHECKS = 'bancheng:password-check';

/** Counts the passwords verified (scrypt runs) from now on; `reached(n)` settles when the n-th starts. */
function countChecks() {
  let count = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const onCheck = () => {
    count++;
    for (const w of waiters.filter((x) => x.n === count)) w.resolve();
  };
  diagnostics.subscribe(CHECKS, onCheck);
  return {
    get count() {
      return count;
    },
    reached: (n: number) =>
      new Promise<void>((resolve) => (count >= n ? resolve() : waiters.push({ n, resolve }))),
    stop: () => diagnostics.unsubscribe(CHECKS, onCheck),
  };
}

describe.each(DIALECTS)('simultaneous sign-in attempts on one account [%s]', (dialect) => {
  let t: TestApp;
  let counter: ReturnType<typeof countChecks> | undefined;
  beforeAll(async () => {
    // The address limit is out of the way here; it has its own test below.
    t = await createTestApp(dialect, { LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
  });
  afterEach(() => counter?.stop());
  afterAll(async () => {
    await t.dispose();
  });

  const attempt = (username: string, password: string) =>
    t.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  const wrongPasswordEvents = async (username: string) =>
    (
      await t.ctx.database.db
        .selectFrom('audit_events')
        .select('payload')
        .where('type', '=', 'auth.loginFailed')
        .execute()
    ).filter((e) => {
      const p = JSON.parse(e.payload) as { username: string; reason: string };
      return p.username === username && p.reason === 'wrongPassword';
    }).length;

  const lockOf = async (username: string) =>
    (
      await t.ctx.database.db
        .selectFrom('people')
        .select(['locked_until', 'failed_logins'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).locked_until;

  it('locks the account after 12 parallel wrong passwords', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => attempt('djzc2', 'wrong-password')));
    expect(responses.map((r) => r.statusCode).every((s) => s === 401 || s === 423)).toBe(true);
    expect(responses.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(4);
    expect(((await lockOf('djzc2')) ?? '') > new Date().toISOString()).toBe(true);
    expect(await wrongPasswordEvents('djzc2')).toBeLessThanOrEqual(5);
    const right = await attempt('djzc2', DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('checks at most 5 of 25 simultaneous guesses', async () => {
    counter = countChecks();
    const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => attempt('spsc1', `guess-${i}`)));
    expect(counter.count).toBeLessThanOrEqual(5);
    expect(counter.count).toBeGreaterThan(0);
    expect(await wrongPasswordEvents('spsc1')).toBe(counter.count);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(((await lockOf('spsc1')) ?? '') > new Date().toISOString()).toBe(true);
  });

  it('refuses the right password sent as the 20th of 20 simultaneous tries', async () => {
    counter = countChecks();
    const wrong = Array.from({ length: 19 }, (_, i) => attempt('spsc2', `guess-${i}`));
    // The 20th goes out while the first checks are running: after the 5th password check has begun.
    await counter.reached(5);
    const right = await attempt('spsc2', DEMO_PASSWORD);
    const others = await Promise.all(wrong);
    expect([423, 429]).toContain(right.statusCode);
    expect(right.cookies.find((c) => c.name === 'bc_session')).toBeUndefined();
    expect(others.filter((r) => r.statusCode === 200)).toHaveLength(0);
    expect(counter.count).toBe(5);
    const person = await t.ctx.database.db
      .selectFrom('people')
      .select('id')
      .where('username', '=', 'spsc2')
      .executeTakeFirstOrThrow();
    const sessions = await t.ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(sessions).toHaveLength(0);
  });

  it('still signs in after a few wrong tries, and gives the attempts back', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('jgjc1', 'wrong-password')).statusCode).toBe(401);
    const ok = await Promise.all([attempt('jgjc1', DEMO_PASSWORD), attempt('jgjc1', DEMO_PASSWORD)]);
    expect(ok.map((r) => r.statusCode)).toEqual([200, 200]);
    const row = await t.ctx.database.db
      .selectFrom('people')
      .select(['failed_logins', 'locked_until'])
      .where('username', '=', 'jgjc1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });
});

describe.each(DIALECTS)('simultaneous sign-in attempts from one address [%s]', (dialect) => {
  let t: TestApp;
  let counter: ReturnType<typeof countChecks> | undefined;
  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_MAX_FAILURES_PER_ADDRESS: '5', LOGIN_MAX_FAILURES: '100' });
  });
  afterEach(() => counter?.stop());
  afterAll(async () => {
    await t.dispose();
  });

  it('checks at most 5 of 25 simultaneous guesses over many usernames, then blocks the address', async () => {
    counter = countChecks();
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: i % 2 ? `nobody${i}` : 'xbk1', password: `guess-${i}` },
        }),
      ),
    );
    expect(counter.count).toBeLessThanOrEqual(5);
    expect(counter.count).toBeGreaterThan(0);
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(0);
    const after = await t.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'xbk2', password: DEMO_PASSWORD },
    });
    expect(after.statusCode).toBe(429);
    expect(after.json().error.code).toBe('ADDRESS_LOCKED');
  });
});
