// The requests the fuzz test (fuzz.test.ts) sends: fast-check arbitraries built from each route's own zod
// schemas (valid values, then mutated), raw bodies and multipart bodies, for every write route.
import fc from 'fast-check';
import { z } from 'zod';
import type { AppRoute } from '../src/app.ts';
import { multipartArb, rawArb, type Planned } from './fuzz-bodies.ts';

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface JsonSchema {
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
export interface Pools {
  ids: string[];
  caseIds: string[];
}

export const SAMPLE_TEXT = ['张三', '示范食品有限公司', '食品经营许可', 'a', '第一行\n第二行', 'x y'];
export const DATE_TIMES = ['2026-11-20T09:30:00+08:00', '2026-12-01T00:00:00Z', '2026-02-30T09:00:00Z'];
export const DATES = ['2026-12-01', '2031-01-01', '2026-13-45'];
/** The characters no stored text may hold, and a few harmless ones that long texts keep. */
export const BAD_CHARACTERS = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
];
export const BAD_UNICODE = ['\ud800', '\udfff', '\udbff\u0041'];
export const HARMLESS = ['\t', '\n', '\r\n', '\u2028', '\ufeff', '😀'];

export function patternArb(pattern: string): fc.Arbitrary<string> | undefined {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return undefined;
  }
}

/** A value the schema accepts (mostly): the starting point every mutation works from. */
export function validArb(schema: JsonSchema, key: string, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
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

export type Path = (string | number)[];

/** Every place inside a value (the root included), with what is there. */
export function placesIn(value: unknown, path: Path = []): { path: Path; value: unknown }[] {
  const here = [{ path, value }];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => placesIn(v, [...path, i])));
  if (value && typeof value === 'object')
    return here.concat(Object.entries(value).flatMap(([k, v]) => placesIn(v, [...path, k])));
  return here;
}

export function setAt(root: unknown, path: Path, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  node[last] = replace(node[last]);
  return copy;
}

export const wrongValue = fc.oneof(
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
export const deep = (depth: number, open: string, close: string) =>
  open.repeat(depth) + '1' + close.repeat(depth);
export const DEEP_MARK = '__fuzz_deep__';

export interface Mutated {
  kind: string;
  /** The JSON text to send. */
  text: string;
}

/** One malformed JSON body made from a valid one. */
export function mutationArb(valid: unknown): fc.Arbitrary<Mutated> {
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

export function paramArb(name: string, url: string, pools: Pools): fc.Arbitrary<string> {
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
export function queryArb(schema: JsonSchema | undefined, pools: Pools): fc.Arbitrary<string> {
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

export function toJsonSchema(schema: unknown): JsonSchema | undefined {
  return schema instanceof z.ZodType
    ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
    : undefined;
}

export type Who = 'admin' | 'shouwen' | 'anonymous' | 'admin without CSRF';

export interface Request {
  route: string;
  who: Who;
  method: string;
  url: string;
  plan: Planned;
}

export function requestArb(routes: AppRoute[], pools: Pools): fc.Arbitrary<Request> {
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
