// The load generator, run in its own process (bench/load-worker.ts, forked by bench/load.ts) so that
// making requests does not share an event loop with the server it measures. Keeps `concurrency` requests (or refusal
// chains) in flight on keep-alive connections until `seconds` pass or `maxIterations` are made, and
// records each one's latency. Why our own and not autocannon or wrk: docs/decisions/0012.
import http from 'node:http';
import { countOf, newHistogram, record, type Histogram } from './histogram.ts';
import { runRefusalChain, type RefusalChainSpec } from './refusal-chain.ts';

export interface RequestTemplate {
  method: 'GET' | 'POST';
  /** May hold `{{name}}` placeholders, filled from `vars` (values already URL-encoded). */
  path: string;
  headers?: Record<string, string>;
  /** May hold placeholders too. */
  body?: string;
}

export interface LoadSpec {
  /** http://127.0.0.1:port */
  url: string;
  concurrency: number;
  seconds: number;
  /** Requests (or chains) at most, whatever the time. */
  maxIterations: number;
  kind: 'requests' | 'refusalChain';
  /** Taken in turn, one per iteration. */
  templates?: RequestTemplate[];
  /** Values for placeholders, taken in turn, so consecutive requests ask for different objects. */
  vars?: Record<string, string[]>;
  chain?: RefusalChainSpec;
  /** A request not answered within this long is an error (default 60 s), so a stalled server cannot hold a round. */
  requestTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export interface LoadResult {
  /** Requests, or whole chains for a chain scenario. */
  iterations: number;
  /** HTTP requests made (equal to iterations except for chains). */
  requests: number;
  errors: number;
  elapsedMs: number;
  histogram: Histogram;
  statuses: Record<string, number>;
  firstError?: string;
}

export interface Response {
  status: number;
  body: string;
}

export type Send = (request: {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}) => Promise<Response>;

export function sender(
  baseUrl: string,
  concurrency: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): { send: Send; close: () => void } {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const send: Send = ({ method, path, headers = {}, body }) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            ...headers,
            ...(payload && { 'content-type': 'application/json', 'content-length': String(payload.length) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

function fill(text: string, vars: Record<string, string[]>, n: number): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const values = vars[name];
    if (!values || values.length === 0) throw new Error(`no values for {{${name}}}`);
    return values[n % values.length] ?? '';
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const { send, close } = sender(spec.url, spec.concurrency, spec.requestTimeoutMs);
  const histogram = newHistogram();
  const statuses: Record<string, number> = {};
  let started = 0;
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  const fail = (what: string) => {
    errors++;
    firstError ??= what.slice(0, 300);
  };
  const t0 = performance.now();
  const deadline = t0 + spec.seconds * 1000;
  const templates = spec.templates ?? [];
  const vars = spec.vars ?? {};

  const one = async (n: number): Promise<void> => {
    if (spec.kind === 'refusalChain') {
      if (!spec.chain) throw new Error('a chain scenario needs its chain');
      const outcome = await runRefusalChain(send, spec.chain, n);
      requests += outcome.requests;
      for (const s of outcome.statuses) statuses[s] = (statuses[s] ?? 0) + 1;
      if (outcome.error) fail(outcome.error);
      return;
    }
    const template = templates[n % templates.length];
    if (!template) throw new Error('a request scenario needs templates');
    const res = await send({
      method: template.method,
      path: fill(template.path, vars, n),
      ...(template.headers && { headers: template.headers }),
      ...(template.body !== undefined && { body: fill(template.body, vars, n) }),
    });
    requests++;
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.status >= 400) fail(`${template.method} ${template.path} → ${res.status} ${res.body}`);
  };

  const loop = async () => {
    while (performance.now() < deadline && started < spec.maxIterations) {
      const n = started++;
      const start = performance.now();
      try {
        await one(n);
      } catch (error) {
        fail(String(error));
      }
      record(histogram, performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, loop));
  const elapsedMs = performance.now() - t0;
  close();
  return {
    iterations: countOf(histogram),
    requests,
    errors,
    elapsedMs,
    histogram,
    statuses,
    ...(firstError !== undefined && { firstError }),
  };
}
