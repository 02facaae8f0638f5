// The results of a run: every round raw (JSON) and one table of medians with ceilings, ratios and
// targets (markdown), written to bench/results/<date>-<db>-<cases>.{json,md}.
import fs from 'node:fs';
import path from 'node:path';
import type { BurstRound } from './public-burst.ts';
import type { Scenario } from './scenarios.ts';
import { NOT_YET_MEASURED, RUN_TARGETS, targetFor, type Figures } from './targets.ts';

export interface RoundFigures {
  round: number;
  scenario: string;
  /** Requests (or chains) per second. */
  rate: number;
  p50: number;
  p99: number;
  iterations: number;
  requests: number;
  errors: number;
  elapsedMs: number;
  maxRssMb: number | null;
  statuses: Record<string, number>;
  firstError?: string;
  /** Latency (ms, bucket middle) → count. */
  histogram: Record<string, number>;
}

export interface WebFigures {
  routes: { route: string; gzip: number; brotli: number }[];
  loads: { route: string; cache: string; usableMs: number; scriptBytes: number }[];
  markdown: string;
}

export interface RunRecord {
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    model: string;
    memGiB: number;
    node: string;
    loadBefore: number[];
    loadAfter: number[];
  };
  options: {
    db: 'sqlite' | 'postgres';
    cases: number;
    seconds: number;
    rounds: number;
    concurrency: number;
    maxRequests: number;
    /** Public report submissions per round of the public-burst scenario. */
    burst?: number;
    /** --only, when the run was limited to some scenarios. */
    only?: string[];
  };
  seedMs: number | null;
  startupMs: number;
  idleRssMb: number | null;
  facts: Record<string, unknown>;
  scenarios: Pick<Scenario, 'id' | 'label' | 'unit' | 'ceiling' | 'server'>[];
  rounds: RoundFigures[];
  web: WebFigures | { skipped: string };
  /** The public-burst scenario's submissions, per round (PostgreSQL, two server processes). */
  publicBurst?: BurstRound[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const CEILING_SCENARIO = {
  hello: 'ceiling-hello',
  sqliteInsert: 'ceiling-sqliteInsert',
  pgInsert: 'ceiling-pgInsert',
  scrypt: 'ceiling-scrypt',
};

export interface Row extends Figures {
  scenario: RunRecord['scenarios'][number];
  errors: number;
  maxRssMb: number | null;
  ceilingRate: number | null;
  target: string;
  met: boolean | null;
}

export function summarize(run: RunRecord): Row[] {
  return run.scenarios.map((scenario) => {
    const rounds = run.rounds.filter((r) => r.scenario === scenario.id);
    const ceilingId = scenario.ceiling ? CEILING_SCENARIO[scenario.ceiling] : null;
    const ceilingRounds = ceilingId ? run.rounds.filter((r) => r.scenario === ceilingId) : [];
    // The ratio of each round to the ceiling measured in that same round, then the median.
    const ratios = rounds.flatMap((r) => {
      const c = ceilingRounds.find((x) => x.round === r.round);
      return c && c.rate > 0 ? [r.rate / c.rate] : [];
    });
    const figures: Figures = {
      rate: median(rounds.map((r) => r.rate)),
      p50: median(rounds.map((r) => r.p50)),
      p99: median(rounds.map((r) => r.p99)),
      ratio: ratios.length ? median(ratios) : null,
    };
    const target = targetFor(scenario.id, run.options.db);
    const rss = rounds.map((r) => r.maxRssMb).filter((x): x is number => x !== null);
    return {
      scenario,
      ...figures,
      errors: rounds.reduce((n, r) => n + r.errors, 0),
      maxRssMb: rss.length ? Math.max(...rss) : null,
      ceilingRate: ceilingRounds.length ? median(ceilingRounds.map((r) => r.rate)) : null,
      target: target?.text ?? '',
      met: target ? target.met(figures) : null,
    };
  });
}

const fixed = (n: number | null, digits = 0) => (n === null || Number.isNaN(n) ? '—' : n.toFixed(digits));
const yesNo = (met: boolean | null) => (met === null ? '' : met ? 'met' : '**missed**');

export function toMarkdown(run: RunRecord): string {
  const rows = summarize(run);
  const { options: o, machine: m } = run;
  const appRss = rows.filter((r) => r.scenario.server === 'app').map((r) => r.maxRssMb ?? 0);
  const maxRss = appRss.length ? Math.max(...appRss) : null;
  const lines = [
    `# Benchmark ${run.startedAt.slice(0, 10)}: ${o.db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${o.cases} generated cases`,
    '',
    `Command: \`${run.command}\``,
    '',
    `Machine: ${m.cpus} cores (${m.model}), ${m.memGiB} GiB, Node ${m.node}; load average before ${m.loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${m.loadAfter.map((x) => x.toFixed(2)).join(' ')}.`,
    `Run: ${run.startedAt} → ${run.finishedAt}; ${o.rounds} interleaved rounds of ${o.seconds} s (at most ${o.maxRequests} requests) per scenario, concurrency ${o.concurrency}; the load generator is a separate process on the same machine (bench/load-worker.ts).`,
    `Data: ${o.cases === 0 ? 'the demo bureau' : `${o.cases} generated cases`}${run.seedMs === null ? '' : ` (loaded in ${(run.seedMs / 1000).toFixed(1)} s)`}; ${Object.entries(
      run.facts,
    )
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ')}.`,
    '',
    ...(m.loadBefore[0] !== undefined && m.loadBefore[0] > m.cpus
      ? [
          `The machine was busy (load average ${m.loadBefore[0].toFixed(1)} on ${m.cpus} cores before the run): read the ratios, which noise shifts for scenario and ceiling alike, rather than the absolute figures.`,
          '',
        ]
      : []),
    'Figures are medians over the rounds; a ratio is the scenario over its ceiling in the same round (median of the rounds). p50 and p99 are per request, or per chain for chains/s.',
    '',
    '| scenario | rate | p50 ms | p99 ms | errors | max RSS MB | ceiling | ratio | target | met? |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario.label} | ${fixed(r.rate)} ${r.scenario.unit} | ${fixed(r.p50, 1)} | ${fixed(r.p99, 1)} | ${r.errors} | ${fixed(r.maxRssMb)} | ${fixed(r.ceilingRate)} | ${r.ratio === null ? '' : `${(r.ratio * 100).toFixed(1)}%`} | ${r.target} | ${yesNo(r.met)} |`,
    ),
    '',
    '| run | figure | target | met? |',
    '|---|---:|---|---|',
    `| start-up on the loaded database (spawn → health OK) | ${fixed(run.startupMs)} ms | ${RUN_TARGETS.startupMs.text} | ${yesNo(run.startupMs < RUN_TARGETS.startupMs.limit)} |`,
    `| server RSS, idle after start-up | ${fixed(run.idleRssMb)} MB | | |`,
    `| server RSS, largest while serving | ${fixed(maxRss)} MB | ${RUN_TARGETS.rssMb.text} | ${yesNo(maxRss === null ? null : maxRss < RUN_TARGETS.rssMb.limit)} |`,
    ...webRows(run.web),
    ...burstLines(run.publicBurst),
    '',
    ...NOT_YET_MEASURED.map((t) => `Not measured yet: ${t}.`),
  ];
  const errors = run.rounds.filter((r) => r.firstError);
  if (errors.length) {
    lines.push('', 'First error of each scenario round that had errors:', '');
    for (const r of errors) lines.push(`- round ${r.round}, ${r.scenario}: ${r.firstError ?? ''}`);
  }
  if ('markdown' in run.web) lines.push('', '### Web', '', run.web.markdown);
  return `${lines.join('\n')}\n`;
}

function burstLines(rounds: BurstRound[] | undefined): string[] {
  if (!rounds || rounds.length === 0) return [];
  const count = (r: BurstRound, server: number, status: number) => r.statuses[server]?.[status] ?? 0;
  return [
    '',
    'Public report burst (two server processes over one PostgreSQL database; one client address per round, a solved ALTCHA challenge with every submission; the case page above was measured meanwhile):',
    '',
    '| round | address | sent | limit | received (201) server 1 / 2 | refused (429) server 1 / 2 | other answers | burst ms | as expected? |',
    '|---:|---|---:|---:|---:|---:|---|---:|---|',
    ...rounds.map(
      (r) =>
        `| ${r.round} | ${r.address} | ${r.sent} | ${r.limit} | ${count(r, 0, 201)} / ${count(r, 1, 201)} | ${count(r, 0, 429)} / ${count(r, 1, 429)} | ${r.unexpected.length ? r.unexpected.join('; ') : 'none'} | ${fixed(r.elapsedMs)} | ${yesNo(r.met)} |`,
    ),
  ];
}

function webRows(web: RunRecord['web']): string[] {
  if ('skipped' in web)
    return [
      `| web app (weight, page loads) | skipped: ${web.skipped} | ${RUN_TARGETS.webScriptBytes.text}; ${RUN_TARGETS.webUsableMs.text} | |`,
    ];
  return [
    ...web.routes.map(
      (r) =>
        `| compressed JS of the ${r.route} page (gzip / brotli) | ${(r.gzip / 1000).toFixed(0)} / ${(r.brotli / 1000).toFixed(0)} kB | ${RUN_TARGETS.webScriptBytes.text} | ${yesNo(r.gzip < RUN_TARGETS.webScriptBytes.limit)} |`,
    ),
    ...web.loads.map(
      (l) =>
        `| ${l.route} page usable (${l.cache}) | ${fixed(l.usableMs)} ms | ${RUN_TARGETS.webUsableMs.text} | ${yesNo(l.usableMs < RUN_TARGETS.webUsableMs.limit)} |`,
    ),
  ];
}

export function writeResults(run: RunRecord, dir: string): { json: string; md: string } {
  fs.mkdirSync(dir, { recursive: true });
  // A run limited by --only does not overwrite the full run's files of the day.
  const partial = run.options.only ? '-partial' : '';
  const base = path.join(
    dir,
    `${run.startedAt.slice(0, 10)}-${run.options.db}-${run.options.cases}${partial}`,
  );
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, toMarkdown(run));
  return { json: `${base}.json`, md: `${base}.md` };
}
