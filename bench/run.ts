// npm run bench: throughput and latency of the main read paths and of sign-in, against a real server
// process on SQLite (and on PostgreSQL when BENCH_DATABASE_URL is set). Writes bench/results/<date>.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = 3400 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, ['packages/server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

const SIGN_IN_ACCOUNTS_ALL = [
  'shouwen',
  'djzc2',
  'keshi',
  'spsc1',
  'spsc2',
  'spsckz',
  'jgjc1',
  'jgjc2',
  'jgjckz',
  'xbk1',
  'xbk2',
  'xbkkz',
  'cqsc1',
  'cqsc2',
  'cqsckz',
  'dczf1',
];
let signIns = 0;
function nextSignInAccount(): string {
  return SIGN_IN_ACCOUNTS_ALL[signIns++ % SIGN_IN_ACCOUNTS_ALL.length] ?? 'shouwen';
}

async function signIn(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

async function measure(name: string, request: () => Promise<Response>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      const res = await request();
      await res.arrayBuffer();
      if (!res.ok) errors++;
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    name,
    requests: latencies.length,
    perSecond: latencies.length / SECONDS,
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    errors,
  };
}

async function runSuite(label: string, env: Record<string, string>): Promise<string> {
  const { url, child } = await startServer(env);
  try {
    const session = await signIn(url, 'admin');
    const get = (p: string) => () => fetch(`${url}${p}`, { headers: { cookie: session.cookie } });
    const leader = await signIn(url, 'juzhang');
    const asLeader = (p: string) => () => fetch(`${url}${p}`, { headers: { cookie: leader.cookie } });
    const cases = (await (await asLeader('/api/cases?view=all&pageSize=1')()).json()) as {
      items: { id: string }[];
    };
    const caseId = cases.items[0]?.id ?? '';
    const results = [
      await measure('GET /api/health', get('/api/health')),
      await measure('GET /api/auth/me', get('/api/auth/me')),
      await measure('GET /api/chains (roster, 11 departments)', get('/api/chains')),
      await measure('GET /api/people?pageSize=50', get('/api/people?pageSize=50')),
      await measure('GET /api/org/tree', get('/api/org/tree')),
      await measure('GET /api/cases?view=all (principal leader)', asLeader('/api/cases?view=all')),
      await measure('GET /api/cases?view=todo (principal leader)', asLeader('/api/cases?view=todo')),
      await measure('GET /api/cases/:id (case page)', asLeader(`/api/cases/${caseId}`)),
      await measure('GET /api/calendar/due (public)', get('/api/calendar/due?from=2026-09-30&workdays=3')),
      // Sign-ins rotate over demo accounts: more than five at once on one account is an attack, and the
      // lockout counts attempts in flight (decision 0006).
      await measure('POST /api/auth/login (scrypt)', () =>
        fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: nextSignInAccount(), password: 'Demo@2026' }),
        }),
      ),
    ];
    const rows = results.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} |`,
    );
    return [
      `### ${label}`,
      '',
      '| request | requests | req/s | p50 ms | p95 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
    ].join('\n');
  } finally {
    child.kill('SIGTERM');
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bancheng-bench-'));
const sections = [await runSuite('SQLite (embedded default)', { DATA_DIR: dataDir })];
const pgUrl = process.env['BENCH_DATABASE_URL'];
if (pgUrl) sections.push(await runSuite('PostgreSQL', { DATABASE_URL: pgUrl, DATA_DIR: dataDir }));
fs.rmSync(dataDir, { recursive: true, force: true });

const date = new Date().toISOString().slice(0, 10);
const report = [
  `# Benchmark ${date}`,
  '',
  `Command: \`${pgUrl ? 'BENCH_DATABASE_URL=<postgres url> ' : ''}npm run bench\` (BENCH_SECONDS=${SECONDS}, BENCH_CONCURRENCY=${CONCURRENCY})`,
  `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
  'Server and client run on the same machine; the client is one process with the stated number of concurrent requests.',
  '',
  ...sections,
].join('\n');
const out = path.join(ROOT, 'bench/results', `${date}.md`);
fs.writeFileSync(out, `${report}\n`);
console.log(report);
console.log(`\nwritten to ${path.relative(ROOT, out)}`);
