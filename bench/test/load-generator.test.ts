// The load generator against a real HTTP server on loopback: it stops at the request bound, fills
// placeholders in turn, and counts answers of 400 and above as errors.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../load-generator.ts';

const seen: string[] = [];
let server: http.Server;
let url: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/stall') return; // never answers
    res.statusCode = req.url?.startsWith('/fail') ? 500 : 200;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

describe('runLoad', () => {
  it('makes exactly maxIterations requests when time is not the bound, placeholders filled in turn', async () => {
    seen.length = 0;
    const result = await runLoad({
      url,
      concurrency: 4,
      seconds: 600,
      maxIterations: 60,
      kind: 'requests',
      templates: [{ method: 'GET', path: '/cases/{{id}}' }],
      vars: { id: ['a', 'b', 'c'] },
    });
    expect(result.iterations).toBe(60);
    expect(result.requests).toBe(60);
    expect(result.errors).toBe(0);
    expect(result.statuses).toEqual({ 200: 60 });
    expect(seen.filter((s) => s === 'GET /cases/a')).toHaveLength(20);
    expect(new Set(seen)).toEqual(new Set(['GET /cases/a', 'GET /cases/b', 'GET /cases/c']));
  });

  it('counts error answers and keeps the first one', async () => {
    const result = await runLoad({
      url,
      concurrency: 2,
      seconds: 600,
      maxIterations: 10,
      kind: 'requests',
      templates: [
        { method: 'POST', path: '/ok', body: '{"n":1}' },
        { method: 'GET', path: '/fail' },
      ],
    });
    expect(result.errors).toBe(5);
    expect(result.firstError).toMatch(/^GET \/fail → 500/);
  });

  it('counts a request the server never answers as an error once its timeout passes', async () => {
    const result = await runLoad({
      url,
      concurrency: 1,
      seconds: 600,
      maxIterations: 1,
      requestTimeoutMs: 50,
      kind: 'requests',
      templates: [{ method: 'GET', path: '/stall' }],
    });
    expect(result.errors).toBe(1);
    expect(result.firstError).toMatch(/no answer within 50 ms/);
  });
});
