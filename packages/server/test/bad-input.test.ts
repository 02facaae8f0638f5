import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DIALECTS, type TestApp } from './harness.ts';

describe.each(DIALECTS)('bad input never yields a 500 [%s]', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.dispose();
  });

  const login = (payload: string | Buffer, contentType = 'application/json') =>
    t.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': contentType }, payload });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const res = await login('{"username": "shouwen", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'MALFORMED_JSON', message: '请求内容不是有效的 JSON' });
  });

  it('an unknown field → 400 naming the field', async () => {
    const res = await login(JSON.stringify({ username: 'shouwen', password: 'Demo@2026', role: 'admin' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields).toEqual({ role: '不允许的字段' });
  });

  it('missing fields → 400 with each field', async () => {
    const res = await login('{}');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['password', 'username']);
  });

  it('a wrong type → 400', async () => {
    const res = await login(JSON.stringify({ username: 42, password: ['x'] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.username).toBeTruthy();
  });

  it('a 1 MB string → 413', async () => {
    const res = await login(JSON.stringify({ username: 'x'.repeat(1024 * 1024), password: 'y' }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a long string under the body limit → 400 with the field', async () => {
    const res = await login(JSON.stringify({ username: 'x'.repeat(100_000), password: 'y' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.username).toContain('64');
  });

  it('invalid UTF-8 → 400 INVALID_ENCODING', async () => {
    const body = Buffer.concat([
      Buffer.from('{"username":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","password":"x"}'),
    ]);
    const res = await login(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ENCODING');
  });

  it('a wrong content type → 415', async () => {
    const res = await login('username=shouwen&password=Demo%402026', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const text = await login('hello', 'text/plain');
    expect(text.statusCode).toBe(415);
  });

  it('prototype-poisoning keys → 400 from the JSON parser, not only from the schema', async () => {
    const res = await login('{"username":"a","password":"b","__proto__":{"admin":true}}');
    expect(res.statusCode).toBe(400);
    // The strict schema would answer VALIDATION_FAILED; MALFORMED_JSON shows the parser refused it first.
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('an unknown API path → 404 in the error envelope', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('bad query parameters → 400 with fields', async () => {
    const c = await t.signIn('admin');
    const res = await c.request('GET', '/api/people?page=0&pageSize=100000');
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['page', 'pageSize']);
    const dated = await c.request('GET', '/api/chains?date=2026-13-45');
    expect(dated.statusCode).toBe(400);
    expect(dated.json().error.fields.date).toBeTruthy();
  });
});
