// The JSON body parser on its own, behind a route with no schema: whatever it lets through reaches the
// handler, so a refusal here is the parser's and not a schema's.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../src/platform/http/errors.ts';
import { registerJsonParser } from '../src/platform/http/json-parser.ts';

describe('the JSON body parser', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.setErrorHandler(errorHandler);
    registerJsonParser(app);
    app.post('/echo', (request) => {
      const body = request.body as Record<string, unknown> | undefined;
      return {
        keys: body ? Object.keys(body) : null,
        plainPrototype: body ? Object.getPrototypeOf(body) === Object.prototype : null,
      };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: string) =>
    app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });

  it('passes ordinary objects through to a route that accepts anything', async () => {
    const res = await post('{"a":1,"proto":{"admin":true},"nested":{"prototype":2}}');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ keys: ['a', 'proto', 'nested'], plainPrototype: true });
  });

  it.each([
    ['a top-level __proto__', '{"a":1,"__proto__":{"admin":true}}'],
    ['a nested __proto__', '{"a":{"b":[{"__proto__":{"admin":true}}]}}'],
    ['constructor.prototype', '{"a":{"constructor":{"prototype":{"admin":true}}}}'],
    ['an escaped __proto__', '{"\\u005f_proto__":{"admin":true}}'],
  ])('refuses %s with 400 MALFORMED_JSON before any route sees it', async (_name, payload) => {
    const res = await post(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });
});
