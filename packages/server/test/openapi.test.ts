import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { createTestApp, type TestApp } from './harness.ts';

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('is a valid OpenAPI 3 document', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<OpenAPI.Document>();
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
    expect((doc as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('covers every API route', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const registered = t.routes
      .filter(
        (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json',
      )
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(15);
    for (const route of registered) expect(documented, route).toContain(route);
  });

  it('is the committed docs/openapi.json', async () => {
    const fs = await import('node:fs');
    const committed = JSON.parse(
      fs.readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8'),
    );
    const live = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(live).toEqual(committed);
  });
});
