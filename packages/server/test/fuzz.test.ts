// Fuzzing every write route: malformed requests generated with fast-check from the routes' own zod
// schemas (wrong types, missing and extra fields, huge and deep values, control characters) and raw
// bodies (invalid UTF-8, truncated JSON, wrong media types, bad multipart). None may answer 5xx, every
// refusal is in the error envelope, and afterwards no stored text holds a control character or a lone
// surrogate. The routes come from the app itself, so a new write route is fuzzed without a change here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { hasUnsafeCharacters } from '@bancheng/core';
import type { AppRoute } from '../src/app.ts';
import { createTestApp, DIALECTS, type Client, type TestApp } from './harness.ts';
import { readAllTables } from './db-digest.ts';

/** Requests per database; FUZZ_RUNS overrides, FUZZ_SEED replays a run. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2500);
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Ids that exist in the database, so some requests get past validation into the services. */
interface Pools {
  ids: string[];
  caseIds: string[];
}

const SAMPLE_TEXT = ['张三', '示范食品有限公司', '食品经营许可', 'a', '第一行\n第二行', 'x y'];
const DATE_TIMES = ['2026-11-20T09:30:00+08:00', '2026-12-01T00:00:00Z', '2026-02-30T09:00:00Z'];
const DATES = ['2026-12-01', '2031-01-01', '2026-13-45'];
/** The characters no stored text may hold, and a few harmless ones that long texts keep. */
const BAD_CHARACTERS = ['\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f', '\u0085', '\u009f'];
const BAD_UNICODE = ['\ud800', '\udfff', '\udbff\u0041'];
const HARMLESS = ['\t', '\n', '\r\n', '\u2028', '\ufeff', '😀'];

function patternArb(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** A value the schema accepts (mostly): the starting point every mutation works from. */
function validArb(schema: JsonSchema, key: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validArb(s, key, pools, depth)));
  if (schema.allOf?.[0]) return validArb(schema.allOf[0], key, pools, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) model[k] = validArb(s, k, pools, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      const items = schema.items ? validArb(schema.items, key, pools, depth + 1) : fc.string();
      const minLength = schema.minItems ?? 0;
      return fc.array(items, {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)),
      });
    }
    case 'integer':
    case 'number': {
      if (key === 'version') return fc.integer({ min: 0, max: 3 });
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: Math.min(schema.maximum ?? min + 100, min + 100) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string': {
      if (/Ids?$/.test(key) || key === 'id') return fc.constantFrom(...pools.ids);
      if (schema.format === 'date-time') return fc.constantFrom(...DATE_TIMES);
      if (schema.format === 'date') return fc.constantFrom(...DATES);
      if (schema.format === 'email') return fc.constantFrom('a@example.cn', 'not-an-email');
      const matching = schema.pattern ? patternArb(schema.pattern) : undefined;
      if (matching) return matching;
      const minLength = schema.minLength ?? 0;
      return fc.oneof(
        fc.constantFrom(...SAMPLE_TEXT),
        fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 20, 20)) }),
      );
    }
    default:
      return depth > 2 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

type Path = (string | number)[];

/** Every place inside a value (the root included), with what is there. */
function placesIn(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => placesIn(v, [...path, i])));
  if (value && typeof value === 'object')
    return here.concat(Object.entries(value).flatMap(([k, v]) => placesIn(v, [...path, k])));
  return here;
}

function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  node[last] = replace(node[last]);
  return copy;
}

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 8 }),
  fc.constant('1e999'),
  fc.constant(-1),
  fc.constant(2 ** 53 + 1),
);
const deep = (depth: number, open: string, close: string) => open.repeat(depth) + '1' + close.repeat(depth);
const DEEP_MARK = '__fuzz_deep__';

interface Mutated {
  kind: string;
  /** The JSON text to send. */
  text: string;
}

/** One malformed JSON body made from a valid one. */
function mutationArb(valid: unknown): fc.Arbitrary<Mutated> {
  const places = placesIn(valid);
  const strings = places.filter((p) => typeof p.value === 'string');
  const objects = places.filter((p) => p.value && typeof p.value === 'object' && !Array.isArray(p.value));
  const pickPlace = fc.constantFrom(...places);
  const json = (kind: string) => (value: unknown) => ({ kind, text: JSON.stringify(value) ?? 'null' });
  const options: fc.Arbitrary<Mutated>[] = [
    fc.tuple(pickPlace, wrongValue).map(([p, w]) => json('wrong type')(setAt(valid, p.path, () => w))),
    fc
      .tuple(fc.constantFrom(...SAMPLE_TEXT), fc.constantFrom(...HARMLESS))
      .map(([a, b]) => json('valid')(strings.length ? setAt(valid, strings[0]!.path, () => a + b) : valid)),
    fc
      .tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'id', ''), wrongValue)
      .chain(([key, v]) =>
        objects.length
          ? fc.constantFrom(...objects).map((o) => ({
              kind: 'extra field',
              text: (
                JSON.stringify(setAt(valid, o.path, (old) => ({ ...(old as object), [key]: v }))) ?? '{}'
              )
                // JSON.stringify drops a `__proto__` own key's meaning, so it is written out by hand.
                .replace(/^\{/, key === '__proto__' ? '{"__proto__":{"admin":true},' : '{'),
            }))
          : fc.constant(json('extra field')({ [key]: v })),
      ),
    fc.constant(json('empty object')({})),
    fc
      .constantFrom(4999, 70_000, 300_000)
      .chain((n) =>
        fc.constantFrom(...places).map((p) => json('huge string')(setAt(valid, p.path, () => 'x'.repeat(n)))),
      ),
    fc.tuple(pickPlace, fc.constantFrom(64, 2000, 20_000), fc.boolean()).map(([p, n, arrays]) => ({
      kind: 'deep nesting',
      text: (JSON.stringify(setAt(valid, p.path, () => DEEP_MARK)) ?? '').replace(
        `"${DEEP_MARK}"`,
        arrays ? deep(n, '[', ']') : deep(n, '{"a":', '}'),
      ),
    })),
  ];
  if (objects.length) {
    options.push(
      fc.constantFrom(...objects).chain((o) => {
        const keys = Object.keys(o.value as object);
        return keys.length
          ? fc.constantFrom(...keys).map((k) =>
              json('missing field')(
                setAt(valid, o.path, (old) => {
                  const copy = { ...(old as Record<string, unknown>) };
                  delete copy[k];
                  return copy;
                }),
              ),
            )
          : fc.constant(json('missing field')(valid));
      }),
    );
  }
  if (strings.length) {
    options.push(
      fc
        .tuple(fc.constantFrom(...strings), fc.constantFrom(...BAD_CHARACTERS, ...BAD_UNICODE), fc.nat())
        .map(([s, ch, at]) => {
          const text = s.value as string;
          const i = text.length ? at % (text.length + 1) : 0;
          return json('control character')(setAt(valid, s.path, () => text.slice(0, i) + ch + text.slice(i)));
        }),
    );
  }
  return fc.oneof(...options);
}

interface Planned {
  kind: string;
  contentType?: string;
  payload?: string | Buffer;
  query?: string;
}

const BOUNDARY = 'fuzzboundary';
function multipartBody(parts: { name: string; filename?: string; data: Buffer | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n`));
    if (p.filename !== undefined) chunks.push(Buffer.from('Content-Type: application/octet-stream\r\n'));
    chunks.push(Buffer.from('\r\n'), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const fileNames = fc.oneof(
  fc.constantFrom(
    'a.pdf',
    '说明.pdf',
    '../../etc/passwd',
    '',
    'a\u0001b.pdf',
    'x\u007f.pdf',
    '\u0085.pdf',
    'é.pdf',
  ),
  fc.string({ maxLength: 30 }).map((s) => `${s}.pdf`),
);

/** Upload bodies: broken multipart, or well-formed multipart with odd files, names and fields. */
const multipartArb: fc.Arbitrary<Planned> = fc.oneof(
  fc.constantFrom<Planned>(
    { kind: 'multipart without boundary', contentType: 'multipart/form-data', payload: 'x' },
    { kind: 'multipart empty boundary', contentType: 'multipart/form-data; boundary=', payload: '--\r\n' },
    {
      kind: 'multipart boundary too long',
      contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`,
      payload: 'x',
    },
    { kind: 'multipart empty', contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: '' },
    {
      kind: 'multipart/mixed',
      contentType: `multipart/mixed; boundary=${BOUNDARY}`,
      payload: multipartBody([{ name: 'file', filename: 'a.pdf', data: PDF }]),
    },
  ),
  fc
    .tuple(fc.uint8Array({ maxLength: 400 }), fileNames, fc.constantFrom('file', 'other', 'effectiveFrom'))
    .chain(([bytes, filename, field]) =>
      fc.nat({ max: 600 }).map((cut) => {
        const whole = multipartBody([
          { name: 'effectiveFrom', data: '2026-12-01' },
          { name: field, filename, data: Buffer.concat([PDF, Buffer.from(bytes)]) },
        ]);
        return {
          kind: 'multipart truncated',
          contentType: `multipart/form-data; boundary=${BOUNDARY}`,
          payload: whole.subarray(0, Math.min(cut, whole.length - 1)),
        };
      }),
    ),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 300 }),
      fileNames,
      fc.boolean(),
      fc.constantFrom('2026-12-01', '\u0000', 'x'),
    )
    .map(([bytes, filename, pdf, date]) => ({
      kind: 'multipart odd file',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      payload: multipartBody([
        { name: 'effectiveFrom', data: date },
        { name: 'file', filename, data: pdf ? Buffer.concat([PDF, Buffer.from(bytes)]) : Buffer.from(bytes) },
        { name: 'extra', data: 'a\u0000b' },
      ]),
    })),
);

/** Bodies that are wrong before any schema is applied. */
const rawArb: fc.Arbitrary<Planned> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom([0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80]),
      fc.boolean(),
    )
    .map(([bytes, quoted]) => ({
      kind: 'invalid UTF-8',
      contentType: 'application/json',
      payload: Buffer.concat([
        Buffer.from(quoted ? '{"name":"' : '{"'),
        Buffer.from(bytes),
        Buffer.from('"}'),
      ]),
    })),
  fc.constantFrom<Planned>(
    { kind: 'empty JSON', contentType: 'application/json', payload: '' },
    { kind: 'JSON null', contentType: 'application/json', payload: 'null' },
    { kind: 'JSON array', contentType: 'application/json', payload: '[1,2]' },
    { kind: 'JSON string', contentType: 'application/json', payload: '"x"' },
    { kind: 'JSON number', contentType: 'application/json', payload: '1e999' },
    { kind: 'raw NUL in JSON', contentType: 'application/json', payload: '{"name":"a\u0000b"}' },
    { kind: 'proto key', contentType: 'application/json', payload: '{"constructor":{"prototype":{"x":1}}}' },
    { kind: 'text/plain', contentType: 'text/plain', payload: 'hello' },
    { kind: 'form', contentType: 'application/x-www-form-urlencoded', payload: 'a=1&b=%00' },
    { kind: 'xml', contentType: 'application/xml', payload: '<a/>' },
    { kind: 'no content type', payload: '{"a":1}' },
    {
      kind: 'weird content type',
      contentType: 'application/json; charset=latin1',
      payload: '{"a":"\u00e9"}',
    },
    { kind: 'vendor JSON', contentType: 'application/vnd.x+json', payload: '{"version":0}' },
  ),
  fc
    .string({ maxLength: 40 })
    .map((s) => ({ kind: 'truncated JSON', contentType: 'application/json', payload: `{"a":"${s}` })),
);

/** A path parameter: an id that exists, or something that is not one. */
function paramArb(name: string, url: string, pools: Pools): fc.Arbitrary<string> {
  const real =
    name === 'year'
      ? fc.constantFrom('2031', '2026')
      : fc.constantFrom(...(url.startsWith('/api/cases/') && name === 'id' ? pools.caseIds : pools.ids));
  return fc.oneof(
    { weight: 6, arbitrary: real },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 70 }).map(encodeURIComponent),
        fc.constantFrom('%ff', '%', '%00', '%E4%B8', 'x'.repeat(65), '0', '-1', '99999', '%2e%2e', '%ud800'),
      ),
    },
  );
}

/** The query string: built from the route's querystring schema, then perhaps spoiled. */
function queryArb(schema: JsonSchema | undefined, pools: Pools): fc.Arbitrary<string> {
  if (!schema) return fc.constantFrom('', '', '', '?x=1', '?%ff');
  return fc
    .tuple(
      validArb(schema, '', pools),
      fc.constantFrom('', '', '&extra=1', '&version=%00', '&version=abc', '&%ff'),
    )
    .map(([q, extra]) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries((q ?? {}) as Record<string, unknown>)) params.set(k, String(v));
      const text = params.toString();
      return `?${text}${extra}`;
    });
}

function toJsonSchema(schema: unknown): JsonSchema | undefined {
  return schema instanceof z.ZodType
    ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
    : undefined;
}

type Who = 'admin' | 'shouwen' | 'anonymous' | 'admin without CSRF';

interface Request {
  route: string;
  who: Who;
  method: string;
  url: string;
  plan: Planned;
}

function requestArb(routes: AppRoute[], pools: Pools): fc.Arbitrary<Request> {
  return fc.oneof(
    ...routes.map((route) => {
      const schema = route.schema as { params?: unknown; querystring?: unknown; body?: unknown } | undefined;
      const body = toJsonSchema(schema?.body);
      const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const url = fc
        .tuple(
          ...names.map((n) => paramArb(n, route.url, pools)),
          queryArb(toJsonSchema(schema?.querystring), pools),
        )
        .map((values) => {
          let i = 0;
          const path = route.url.replace(/:(\w+)/g, () => values[i++] as string);
          return path + (values[names.length] as string);
        });
      const isUpload = route.consumes?.includes('multipart/form-data') ?? false;
      const fromSchema: fc.Arbitrary<Planned> = validArb(body ?? { type: 'object' }, '', pools)
        .chain(mutationArb)
        .map((m) => ({ kind: m.kind, contentType: 'application/json', payload: m.text }));
      const plan = isUpload
        ? fc.oneof({ weight: 4, arbitrary: multipartArb }, { weight: 1, arbitrary: rawArb })
        : fc.oneof({ weight: 5, arbitrary: fromSchema }, { weight: 1, arbitrary: rawArb });
      const everyone: Who[] = ['admin', 'admin', 'shouwen', 'shouwen', 'anonymous', 'admin without CSRF'];
      const who = fc.constantFrom<Who>(
        ...(route.url === '/api/auth/login' ? ['anonymous' as const] : everyone),
      );
      return fc.record({
        route: fc.constant(`${route.method} ${route.url}`),
        who,
        method: fc.constant(route.method),
        url,
        plan,
      });
    }),
  );
}

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
