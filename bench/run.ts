// npm run bench [-- --db sqlite|postgres] [--cases N] [--seconds S] [--rounds R] [--concurrency C]
//                  [--max-requests M] [--only a,b] [--cpu-prof DIR] [--query-times FILE] [--data-set DIR]
//                  [--burst N]
// A fresh database with a generated data set, the real server process, and every scenario beside its
// ceiling in interleaved rounds, from a load generator in another process. Writes
// bench/results/<date>-<db>-<cases>.{json,md}. README.md (Benchmark) says what each scenario does.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createFreshDatabase, loadDataSet, openDataSet, type DbKind } from './fresh-database.ts';
import { measureLoad, rssMbOf } from './load.ts';
import { ROOT, startAppServer, startCeilingServer, type Started } from './processes.ts';
import { quantile, compact } from './histogram.ts';
import { writeResults, toMarkdown, type RoundFigures, type RunRecord } from './report.ts';
import { castOf } from './cast.ts';
import { prepareScenarios, signIn, type Scenario } from './scenarios.ts';
import { buildWebIfStale, measureWeb } from './web-hook.ts';
import { burstAddresses, prepareBurst, reportPlace, type BurstRound } from './public-burst.ts';
import { REPORTS_PER_ADDRESS } from '../packages/server/src/modules/ledger/public-service.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    cases: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    'max-requests': { type: 'string', default: '100000' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'query-times': { type: 'string' },
    'data-set': { type: 'string' },
    /** Public report submissions per round of the public-burst scenario (PostgreSQL). */
    burst: { type: 'string', default: '20' },
  },
});
const positive = (name: string, value: string | undefined, min = 1): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, not ${value}`);
  return n;
};
if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error('--db is sqlite or postgres');
const db: DbKind = values.db;
const options = {
  db,
  cases: positive('cases', values.cases, 0),
  seconds: positive('seconds', values.seconds),
  rounds: positive('rounds', values.rounds),
  concurrency: positive('concurrency', values.concurrency),
  maxRequests: positive('max-requests', values['max-requests']),
  burst: positive('burst', values.burst),
};
const only = values.only
  ?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
/** A scenario runs when --only is absent or names it, or a prefix of it (`search` = every search). */
const wanted = (id: string) => !only || only.some((o) => id === o || id.startsWith(`${o}-`));
const wantWeb = wanted('web');

const log = (line: string) => console.error(`[bench] ${line}`);
const startedAt = new Date();
const loadBefore = os.loadavg();
if (wantWeb) buildWebIfStale();

const dataSet = values['data-set'] ? await openDataSet(db, values['data-set']) : undefined;
const database = dataSet ?? (await createFreshDatabase(db));
const started: Started[] = [];
let cleaned = false;
const cleanUp = async () => {
  if (cleaned) return;
  cleaned = true;
  for (const p of started.reverse()) await p.stop();
  await database.drop();
};
// Interrupted, the run still stops what it started and drops its database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}
try {
  log(
    dataSet
      ? `using the data set in ${values['data-set'] ?? ''} (--cases ${options.cases} names its size)`
      : `loading ${options.cases === 0 ? 'the demo bureau' : `${options.cases} generated cases`} into ${db}`,
  );
  const seedStart = performance.now();
  const summary = dataSet ? dataSet.summary : await loadDataSet(database, options.cases);
  const seedMs = options.cases === 0 || dataSet ? null : performance.now() - seedStart;

  const server = await startAppServer({
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    production: true,
    cpuProfileDir: values['cpu-prof'] && path.resolve(values['cpu-prof']),
    queryTimesFile: values['query-times'] && path.resolve(values['query-times']),
  });
  started.push(server);
  log(`server started in ${server.startMs.toFixed(0)} ms (pid ${server.pid})`);
  const idleRssMb = rssMbOf(server.pid);
  const ceiling = await startCeilingServer({
    sqliteFile: database.ceilingSqliteFile,
    pgUrl: database.ceilingPgUrl,
  });
  started.push(ceiling);

  const cast = castOf(summary);
  const prepared = await prepareScenarios({ url: server.url, cast, dialect: db, now: new Date() });
  const selected = prepared.scenarios.filter((s) => s.server === 'app' && wanted(s.id));
  const ceilingsNeeded = new Set(selected.map((s) => s.ceiling));
  const scenarios: Scenario[] = prepared.scenarios.filter(
    (s) =>
      selected.includes(s) ||
      (s.server === 'ceiling' && ceilingsNeeded.has(s.id.replace(/^ceiling-/, '') as Scenario['ceiling'])),
  );

  // The public-burst scenario: a second server process over the same PostgreSQL database.
  const burstScenario = scenarios.find((s) => s.publicBurst);
  const second = burstScenario
    ? await startAppServer({ dataDir: database.dataDir, databaseUrl: database.databaseUrl, production: true })
    : undefined;
  if (second) {
    started.push(second);
    log(`second server started in ${second.startMs.toFixed(0)} ms (pid ${second.pid})`);
  }
  if (burstScenario && options.burst <= REPORTS_PER_ADDRESS)
    throw new Error(`--burst must exceed the limit of ${REPORTS_PER_ADDRESS} reports per address`);
  const place = second
    ? await reportPlace(server.url, await signIn(server.url, cast.supervisionOffice, cast.password))
    : undefined;
  const addresses = burstAddresses(options.rounds);
  const publicBurst: BurstRound[] = [];

  const rounds: RoundFigures[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    // Interleaved: every scenario and ceiling once per round, so noise on the shared machine hits all alike.
    for (const scenario of scenarios) {
      const target = scenario.server === 'app' ? server : ceiling;
      const maxIterations =
        scenario.load.kind === 'refusalChain' ? Math.ceil(options.maxRequests / 7) : options.maxRequests;
      const spec = {
        url: target.url,
        concurrency: options.concurrency,
        seconds: options.seconds,
        maxIterations,
        ...scenario.load,
      };
      let r: Awaited<ReturnType<typeof measureLoad>>;
      if (scenario.publicBurst && second && place) {
        // Challenges solved first; then the burst and the case page load over the same seconds.
        const burst = await prepareBurst({
          round,
          urls: [server.url, second.url],
          address: addresses[round - 1] ?? '127.0.0.2',
          count: options.burst,
          seconds: options.seconds,
          limit: REPORTS_PER_ADDRESS,
          place,
        });
        const [load, sent] = await Promise.all([measureLoad(spec, target.pid), burst.run()]);
        r = load;
        publicBurst.push(sent);
        log(
          `round ${round} burst from ${sent.address}: ${JSON.stringify(sent.statuses)} in ${sent.elapsedMs.toFixed(0)} ms (solving ${sent.solveMs.toFixed(0)} ms), ${sent.met ? 'as expected' : `NOT as expected ${sent.unexpected.join('; ')}`}`,
        );
      } else {
        r = await measureLoad(spec, target.pid);
      }
      const figures: RoundFigures = {
        round,
        scenario: scenario.id,
        rate: r.iterations / (r.elapsedMs / 1000),
        p50: quantile(r.histogram, 0.5),
        p99: quantile(r.histogram, 0.99),
        iterations: r.iterations,
        requests: r.requests,
        errors: r.errors,
        elapsedMs: r.elapsedMs,
        maxRssMb: r.maxRssMb,
        statuses: r.statuses,
        ...(r.firstError !== undefined && { firstError: r.firstError }),
        histogram: compact(r.histogram),
      };
      rounds.push(figures);
      log(
        `round ${round} ${scenario.id}: ${figures.rate.toFixed(0)} ${scenario.unit}, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, errors ${r.errors}, RSS ${r.maxRssMb?.toFixed(0) ?? '?'} MB`,
      );
    }
  }

  const web = wantWeb
    ? await measureWeb(server.url, { username: cast.todoReader, password: cast.password })
    : { skipped: 'not in --only' };

  const run: RunRecord = {
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? 'unknown',
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadBefore,
      loadAfter: os.loadavg(),
    },
    options: { ...options, ...(only && { only }) },
    seedMs,
    startupMs: server.startMs,
    idleRssMb,
    facts: prepared.facts,
    scenarios: scenarios.map(({ id, label, unit, ceiling: c, server: s }) => ({
      id,
      label,
      unit,
      ceiling: c,
      server: s,
    })),
    rounds,
    web,
    ...(publicBurst.length > 0 && { publicBurst }),
  };
  const written = writeResults(run, path.join(ROOT, 'bench/results'));
  console.log(toMarkdown(run));
  log(`written ${path.relative(ROOT, written.md)} and ${path.relative(ROOT, written.json)}`);
} finally {
  await cleanUp();
}
