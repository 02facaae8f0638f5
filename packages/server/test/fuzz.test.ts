// Fuzzing every write route: malformed requests generated with fast-check from the routes' own zod
// schemas (wrong types, missing and extra fields, huge and deep values, control characters) and raw
// bodies (invalid UTF-8, truncated JSON, wrong media types, bad multipart). None may answer 5xx, every
// refusal is in the error envelope, and afterwards no stored text holds a control character or a lone
// surrogate. The routes come from the app itself, so a new write route is fuzzed without a change here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { hasUnsafeCharacters } from '@bancheng/core';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { readAllTables } from './db-digest.ts';
import { WRITE_METHODS, requestArb, type Pools } from './fuzz-requests.ts';
import { BOUNDARY, PDF, multipartBody } from './fuzz-bodies.ts';

/** Requests per database; FUZZ_RUNS overrides, FUZZ_SEED replays a run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2500);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
/** Every string inside a stored value, JSON columns opened up (audit payloads hold typed-in text too). */
function textsIn(value: unknown): string[] {
  if (typeof value === 'string') {
    const trimmed = value.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return [value, ...textsIn(JSON.parse(value) as unknown)];
      } catch {
        return [value];
      }
    }
    return [value];
  }
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.values(value).flatMap(textsIn);
  return [];
}

/** Stored texts that hold a control character (tab and line breaks allowed) or a lone surrogate. */
function unsafeTexts(tables: Record<string, Record<string, unknown>[]>): string[] {
  const found: string[] = [];
  for (const [table, rows] of Object.entries(tables)) {
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        for (const text of textsIn(value)) {
          if (hasUnsafeCharacters(text, { breaks: true }))
            found.push(`${table}.${column}: ${JSON.stringify(text).slice(0, 120)}`);
        }
      }
    }
  }
  return found;
}

describe.each(DIALECTS)('fuzzing every write route [%s]', (dialect) => {
  let t: TestApp;
  const clients: Partial<Record<'admin' | 'shouwen', Client>> = {};
  let pools: Pools;

  beforeAll(async () => {
    t = await createTestApp(dialect, { LOGIN_MAX_FAILURES: '100', LOGIN_MAX_FAILURES_PER_ADDRESS: '10000' });
    clients.admin = await t.signIn('admin');
    clients.shouwen = await t.signIn('shouwen');
    const db = t.ctx.database.db;
    const caseIds = (await db.selectFrom('cases').select('id').execute()).map((r) => r.id);
    // An attachment to aim the attachment routes at.
    const upload = await t.inject({
      method: 'POST',
      url: `/api/cases/${caseIds[0]}/attachments`,
      headers: {
        cookie: clients.shouwen.cookie,
        'x-csrf-token': clients.shouwen.csrfToken,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      payload: multipartBody([{ name: 'file', filename: 'a.pdf', data: PDF }]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const signedIn = [clients.admin.personId, clients.shouwen.personId];
    const ids = [
      ...caseIds,
      ...(await db.selectFrom('departments').select('id').execute()).map((r) => r.id),
      ...(await db.selectFrom('org_units').select('id').execute()).map((r) => r.id),
      // Not the two fuzzing accounts: a reset password or a disabled account would end their sessions.
      ...(await db.selectFrom('people').select('id').execute())
        .map((r) => r.id)
        .filter((id) => !signedIn.includes(id)),
      ...(await db.selectFrom('matters').select('id').execute()).map((r) => r.id),
      ...(await db.selectFrom('notifications').select('id').execute()).map((r) => r.id),
      ...(await db.selectFrom('case_attachments').select('id').execute()).map((r) => r.id),
    ];
    pools = { ids, caseIds };
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('finds stored control characters when there are some (the scan below can fail)', () => {
    expect(unsafeTexts({ cases: [{ name: 'a\u0000b', note: 'ok\n\tfine' }] })).toEqual([
      'cases.name: "a\\u0000b"',
    ]);
    expect(unsafeTexts({ audit_events: [{ payload: '{"after":{"name":"x\\ud800"}}' }] })).toHaveLength(1);
    expect(unsafeTexts({ people: [{ display_name: '张三\r\n' }] })).toEqual([]);
  });

  it(`sends at least 2,000 malformed requests over every write route: no 5xx, refusals in the envelope, no unsafe text stored`, async () => {
    const routes = t.routes.filter((r) => WRITE_METHODS.has(r.method) && r.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    const requests = fc.sample(requestArb(routes, pools), { numRuns: RUNS, seed: SEED });
    const failures: string[] = [];
    const byStatus: Record<string, number> = {};
    const perRoute = new Map<string, number>();
    let malformed = 0;
    for (const r of requests) {
      perRoute.set(r.route, (perRoute.get(r.route) ?? 0) + 1);
      if (r.plan.kind !== 'valid') malformed++;
      const client =
        r.who === 'admin' || r.who === 'admin without CSRF'
          ? clients.admin
          : r.who === 'shouwen'
            ? clients.shouwen
            : undefined;
      const headers: Record<string, string> = {};
      if (client) {
        headers['cookie'] = client.cookie;
        if (r.who !== 'admin without CSRF') headers['x-csrf-token'] = client.csrfToken;
      }
      if (r.plan.contentType) headers['content-type'] = r.plan.contentType;
      const options: InjectOptions = {
        method: r.method as InjectOptions['method'],
        url: r.url,
        headers,
        ...(r.plan.payload !== undefined && { payload: r.plan.payload }),
      };
      let res: LightMyRequestResponse;
      try {
        res = await t.inject(options);
      } catch (error) {
        failures.push(`${r.route} as ${r.who} (${r.plan.kind}) ${r.url}: threw ${String(error)}`);
        continue;
      }
      const status = `${Math.floor(res.statusCode / 100)}xx`;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      const describe = () =>
        `${r.route} as ${r.who} (${r.plan.kind}) ${r.url.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}; payload ${JSON.stringify(String(r.plan.payload ?? '').slice(0, 160))}`;
      if (res.statusCode >= 500) failures.push(describe());
      else if (res.statusCode >= 400) {
        let code: unknown;
        try {
          code = res.json<{ error?: { code?: unknown; message?: unknown } }>().error?.code;
        } catch {
          code = undefined;
        }
        if (typeof code !== 'string') failures.push(`not in the envelope: ${describe()}`);
        // A session the fuzz ended (logout) is replaced, so later requests still reach the routes.
        if (client && code === 'UNAUTHENTICATED') {
          const name = client === clients.admin ? 'admin' : 'shouwen';
          clients[name] = await t.signIn(name);
        }
      }
    }
    const tables = await readAllTables(t);
    const unsafe = unsafeTexts(tables);
    console.log(
      `fuzz [${dialect}] seed ${SEED}: ${requests.length} requests (${malformed} malformed) over ${perRoute.size} of ${routes.length} write routes; ` +
        Object.entries(byStatus)
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(unsafe.slice(0, 20)).toEqual([]);
    expect(malformed).toBeGreaterThanOrEqual(2000);
    // Some requests get through, so the scan looks at rows the fuzz itself wrote.
    expect(byStatus['2xx'] ?? 0).toBeGreaterThan(0);
    expect([...perRoute.keys()].sort()).toEqual(routes.map((r) => `${r.method} ${r.url}`).sort());
  }, 180_000);
});
