// generateBureau(): adds a realistic bureau of any size on top of what the database holds (the demo
// bureau, normally): units, departments, people, chains and matter lists in proportion, then cases over
// the years since 2023 in every state, written in large transactions of multi-row inserts. The same seed
// on the same database and date makes the same data. Used by `npm run seed` and by tests and benchmarks.
import { addCalendarDays, type CaseState, type ChainHolders } from '@bancheng/core';
import { performance } from 'node:perf_hooks';
import { clockOf, nowIsoOf, todayOf, type AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../modules/auth/index.ts';
import { getWorkCalendar } from '../../modules/calendar/index.ts';
import { DEMO_PASSWORD } from '../demo/demo-bureau.ts';
import { generateCase, type StoryContext } from './case-story.ts';
import {
  BATCH_TABLES,
  advanceCaseSeqs,
  batchRows,
  emptyBatch,
  insertBatch,
  lastCaseSeqs,
  usernamesOf,
  type BatchTable,
} from './generator-repository.ts';
import { GENERATED_SINCE, addGeneratedUnits, loadBureauModel, type DepartmentModel, type OrgCounts } from './org.ts';
import { seededRandom } from './random.ts';
import { DAY_CLOSE_MINUTE, DAY_OPEN_MINUTE, workTime } from './work-time.ts';

export interface GenerateOptions {
  cases: number;
  seed?: number;
  /** Cases per transaction (default 5,000: some 25,000 rows). */
  batchCases?: number;
  /** Cases per generated unit (default 50,000); at least one unit is always added. */
  casesPerUnit?: number;
  onProgress?: (progress: GenerationProgress) => void;
}

export interface GenerationProgress {
  cases: number;
  total: number;
  rows: number;
  seconds: number;
}

export interface ChainPeople {
  departmentId: string;
  departmentName: string;
  firstResponder: string;
  deptHead: string;
  leaderInCharge: string;
  principalLeader: string;
}

export interface GenerationSummary {
  seed: number;
  cases: number;
  /** The password of every generated person (the demo's). */
  password: string;
  org: OrgCounts;
  /** Rows written per table by the case batches. */
  rows: Record<BatchTable, number>;
  /** The generated cases by their state today, and by outcome. */
  states: Record<CaseState, number>;
  outcomes: Record<'done' | 'oneTimeNotice' | 'refused' | 'none', number>;
  busyFirstResponder: { username: string; personId: string; cases: number };
  busyDepartment: { id: string; name: string; unitName: string; cases: number };
  /** A busy generated department whose four chain positions are held by four different people (usernames). */
  chain: ChainPeople;
  /** Generated cases whose first responder is the demo's `shouwen` (the demo accounts have a share too). */
  demoFirstResponderCases: number;
  seconds: number;
  rowsPerSecond: number;
}

const MINUTES_PER_DAY = 1440;
const DAY_MS = 86_400_000;
/** Cases received this many days ago or later may still be on their way (open, at a level, …). */
const RECENT_DAYS = 45;

export async function generateBureau(ctx: AppContext, options: GenerateOptions): Promise<GenerationSummary> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const total = Math.max(0, Math.floor(options.cases));
  const r = seededRandom(seed);
  const db = ctx.database.db;
  const today = todayOf(ctx);
  const nowMs = clockOf(ctx).getTime();
  // One hash for every generated person: scrypt per person would take longer than the cases.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const calendar = await getWorkCalendar(ctx);
  const units = Math.max(1, Math.round(total / (options.casesPerUnit ?? 50_000)));
  const org = await db
    .transaction()
    .execute((trx) => addGeneratedUnits(trx, { units, random: r, passwordHash, now: nowIsoOf(ctx) }));
  const { departments, seqs } = await db.transaction().execute(async (trx) => ({
    departments: await loadBureauModel(trx, { today, random: r }),
    seqs: await lastCaseSeqs(trx),
  }));
  const time = workTime({ from: addCalendarDays(GENERATED_SINCE, -7), to: addCalendarDays(today, 90), calendar });
  const byId = new Map(departments.map((d) => [d.id, d]));
  const holders = new Map<string, ChainHolders>(
    departments.map((d) => [
      d.id,
      {
        firstResponders: d.firstResponders,
        levels: {
          2: [{ personId: d.deptHead, actingFor: null }],
          3: [{ personId: d.leaderInCharge, actingFor: null }],
          4: [{ personId: d.principalLeader, actingFor: null }],
        },
      },
    ]),
  );
  const story: StoryContext = {
    random: r,
    calendar,
    time,
    nowMs,
    caseNumberFormat: ctx.config.caseNumberFormat,
    departments: byId,
    holders,
  };

  // When each case came in: working days since 2023, a little busier every year, in office hours.
  let todayIndex = time.indexOf(today);
  if (time.dates[todayIndex] !== today) todayIndex -= 1;
  const startIndex = time.indexOf(GENERATED_SINCE);
  const span = todayIndex - startIndex + 1;
  const keys = new Float64Array(total);
  for (let i = 0; i < total; i++) {
    const day = startIndex + Math.min(span - 1, Math.floor(span * r.next() ** 0.85));
    keys[i] = day * MINUTES_PER_DAY + r.int(DAY_OPEN_MINUTE, DAY_CLOSE_MINUTE - 30);
  }
  keys.sort();
  const pickDepartment = departmentPicker(departments);

  const rows = Object.fromEntries(BATCH_TABLES.map((t) => [t, 0])) as Record<BatchTable, number>;
  const states = {} as Record<CaseState, number>;
  const outcomes = { done: 0, oneTimeNotice: 0, refused: 0, none: 0 };
  const perPerson = new Map<string, number>();
  const perDepartment = new Map<string, number>();
  const batchSize = options.batchCases ?? 5_000;
  let batch = emptyBatch();
  let used = new Map<number, number>();
  let done = 0;
  let written = 0;
  const report = () =>
    options.onProgress?.({ cases: done, total, rows: written, seconds: (performance.now() - started) / 1000 });
  const flush = async () => {
    const full = batch;
    const seqsUsed = used;
    batch = emptyBatch();
    used = new Map();
    for (const table of BATCH_TABLES) rows[table] += full[table].length;
    await db.transaction().execute(async (trx) => {
      await insertBatch(trx, ctx.database.dialect, full, (n) => {
        written += n;
      });
      await advanceCaseSeqs(trx, seqsUsed);
    });
    report();
  };

  for (let i = 0; i < total; i++) {
    const key = keys[i] ?? 0;
    const dayIndex = Math.floor(key / MINUTES_PER_DAY);
    const date = time.dates[dayIndex] ?? today;
    let receivedMs = time.at(dayIndex, key % MINUTES_PER_DAY);
    if (receivedMs > nowMs) receivedMs = nowMs - r.int(1, 30) * 60_000;
    const year = Number(date.slice(0, 4));
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    used.set(year, seq);
    const ageDays = (nowMs - receivedMs) / DAY_MS;
    const stalls = ageDays < RECENT_DAYS && r.chance(0.6 * (1 - ageDays / RECENT_DAYS));
    const department = pickDepartment(date, r.next());
    const row = generateCase(
      story,
      { receivedMs, dayIndex, year, seq, department, actions: stalls ? r.int(0, 4) : Number.POSITIVE_INFINITY },
      batch,
    );
    states[row.state] = (states[row.state] ?? 0) + 1;
    outcomes[row.outcome ?? 'none'] += 1;
    perPerson.set(row.first_responder_id, (perPerson.get(row.first_responder_id) ?? 0) + 1);
    perDepartment.set(row.department_id, (perDepartment.get(row.department_id) ?? 0) + 1);
    done++;
    if (batch.cases.length >= batchSize) await flush();
  }
  if (batchRows(batch) > 0) await flush();

  const busiest = <K>(m: Map<K, number>): [K, number] | undefined =>
    [...m].reduce<[K, number] | undefined>((best, e) => (!best || e[1] > best[1] ? e : best), undefined);
  const [personId, personCases] = busiest(perPerson) ?? ['', 0];
  const [departmentId, departmentCases] = busiest(perDepartment) ?? ['', 0];
  const chainDept = [...departments]
    .filter((d) => new Set([d.firstResponders[0], d.deptHead, d.leaderInCharge, d.principalLeader]).size === 4)
    .sort((a, b) => (perDepartment.get(b.id) ?? 0) - (perDepartment.get(a.id) ?? 0))[0];
  const names = await db.transaction().execute((trx) =>
    usernamesOf(trx, [
      personId,
      ...(chainDept
        ? [chainDept.firstResponders[0] ?? '', chainDept.deptHead, chainDept.leaderInCharge, chainDept.principalLeader]
        : []),
    ]),
  );
  const shouwen = [...perPerson].find(([id]) => names.get(id) === 'shouwen');
  const seconds = (performance.now() - started) / 1000;
  const dept = byId.get(departmentId);
  const name = (id: string | undefined) => (id && names.get(id)) || '';
  return {
    seed,
    cases: total,
    password: DEMO_PASSWORD,
    org,
    rows,
    states,
    outcomes,
    busyFirstResponder: { username: name(personId), personId, cases: personCases },
    busyDepartment: { id: departmentId, name: dept?.name ?? '', unitName: dept?.unitName ?? '', cases: departmentCases },
    chain: {
      departmentId: chainDept?.id ?? '',
      departmentName: chainDept ? `${chainDept.unitName} ${chainDept.name}` : '',
      firstResponder: name(chainDept?.firstResponders[0]),
      deptHead: name(chainDept?.deptHead),
      leaderInCharge: name(chainDept?.leaderInCharge),
      principalLeader: name(chainDept?.principalLeader),
    },
    demoFirstResponderCases: shouwen?.[1] ?? 0,
    seconds,
    rowsPerSecond: Math.round(written / Math.max(seconds, 0.001)),
  };
}

/** Picks a department by weight among those whose chain held on the date (the demo's from 2026). */
function departmentPicker(departments: DepartmentModel[]): (date: string, u: number) => DepartmentModel {
  const sinceDates = [...new Set(departments.map((d) => d.since))].sort();
  const groups = sinceDates.map((since) => {
    const eligible = departments.filter((d) => d.since <= since);
    let sum = 0;
    const cumulative = eligible.map((d) => (sum += d.weight));
    return { since, eligible, cumulative, sum };
  });
  return (date, u) => {
    let group = groups[0];
    for (const g of groups) if (g.since <= date) group = g;
    if (!group || group.eligible.length === 0) throw new Error('no department to generate cases for');
    const target = u * group.sum;
    let lo = 0;
    let hi = group.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((group.cumulative[mid] ?? 0) <= target) lo = mid + 1;
      else hi = mid;
    }
    return group.eligible[lo] ?? group.eligible[0]!;
  };
}
