import { describe, expect, it } from 'vitest';
import { summarize, toMarkdown, type RoundFigures, type RunRecord } from '../report.ts';

const round = (r: number, scenario: string, rate: number, p99 = 10): RoundFigures => ({
  round: r,
  scenario,
  rate,
  p50: p99 / 2,
  p99,
  iterations: rate,
  requests: rate,
  errors: 0,
  elapsedMs: 1000,
  maxRssMb: 100 + r,
  statuses: {},
  histogram: {},
});

const run: RunRecord = {
  command: 'npm run bench',
  startedAt: '2026-12-01T00:00:00.000Z',
  finishedAt: '2026-12-01T00:01:00.000Z',
  machine: { cpus: 2, model: 'x', memGiB: 1, node: 'v24', loadBefore: [0, 0, 0], loadAfter: [0, 0, 0] },
  options: { db: 'sqlite', cases: 0, seconds: 1, rounds: 3, concurrency: 8, maxRequests: 100 },
  seedMs: null,
  startupMs: 1000,
  idleRssMb: 90,
  facts: {},
  scenarios: [
    { id: 'ceiling-hello', label: 'hello', unit: 'req/s', ceiling: null, server: 'ceiling' },
    { id: 'case-page', label: 'case page', unit: 'req/s', ceiling: 'hello', server: 'app' },
  ],
  rounds: [
    // A noisy second round slows ceiling and scenario alike: the ratio stays.
    round(1, 'ceiling-hello', 1000),
    round(1, 'case-page', 400, 20),
    round(2, 'ceiling-hello', 500),
    round(2, 'case-page', 200, 80),
    round(3, 'ceiling-hello', 1000),
    round(3, 'case-page', 100, 30),
  ],
  web: { skipped: 'test' },
};

describe('the report', () => {
  it('takes the ratio to the ceiling of the same round, then the median over the rounds', () => {
    const page = summarize(run).find((r) => r.scenario.id === 'case-page');
    expect(page?.ratio).toBeCloseTo(0.4);
    expect(page?.rate).toBe(200);
    expect(page?.p99).toBe(30);
    expect(page?.maxRssMb).toBe(103);
    expect(page?.met).toBe(true);
  });

  it('says which targets are missed', () => {
    const slow = {
      ...run,
      rounds: run.rounds.map((r) => (r.scenario === 'case-page' ? { ...r, p99: 60 } : r)),
    };
    expect(summarize(slow).find((r) => r.scenario.id === 'case-page')?.met).toBe(false);
    expect(toMarkdown(slow)).toContain('**missed**');
  });

  it('shows the public burst per round: received and refused by each server, and whether it went as expected', () => {
    const burst = (r: number, statuses: Record<string, number>[], met: boolean) => ({
      round: r,
      address: `127.9.9.${r + 1}`,
      sent: 20,
      limit: 5,
      statuses,
      unexpected: [],
      elapsedMs: 5000,
      solveMs: 900,
      met,
    });
    const md = toMarkdown({
      ...run,
      options: { ...run.options, db: 'postgres' },
      publicBurst: [
        burst(
          1,
          [
            { 201: 3, 429: 7 },
            { 201: 2, 429: 8 },
          ],
          true,
        ),
        burst(2, [{ 201: 6, 429: 4 }, { 429: 10 }], false),
      ],
    });
    expect(md).toContain('| 1 | 127.9.9.2 | 20 | 5 | 3 / 2 | 7 / 8 | none | 5000 | met |');
    expect(md).toContain('| 2 | 127.9.9.3 | 20 | 5 | 6 / 0 | 4 / 10 | none | 5000 | **missed** |');
    expect(toMarkdown(run)).not.toContain('Public report burst');
  });
});
