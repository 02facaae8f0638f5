// A year of cases in the demo county (2026 up to today): some 330 cases in every department and unit,
// told by the data generator's stories (case-story.ts: each step checked by the workflow's own
// applyAction() and written as the service writes it), so the proportions are a real bureau's — most
// handled by the first responder (办结 or 一次性告知), refusals thinning out up the chain, follow-ups,
// replies and feedback — and the recent ones still on their way, a few waiting past a level's limit at
// every level and one past its reply's. Every time is in office hours before now; each case waiting at
// a level or for its reply has the notification the service sent when it got there.
import {
  addCalendarDays,
  renderNotification,
  type CaseState,
  type ChainHolders,
  type NotificationMessage,
} from '@bancheng/core';
import { clockOf, todayOf, type AppContext } from '../../platform/context.ts';
import { getWorkCalendar } from '../../modules/calendar/index.ts';
import { newId } from '../../platform/ids.ts';
import {
  BATCH_TABLES,
  DAY_CLOSE_MINUTE,
  DAY_OPEN_MINUTE,
  advanceCaseSeqs,
  emptyBatch,
  generateCase,
  insertBatch,
  insertNotificationRows,
  lastCaseSeqs,
  loadBureauModel,
  seededRandom,
  workTime,
  type CaseRow,
  type DepartmentModel,
  type GeneratedBatch,
  type StoryContext,
} from '../generator/index.ts';

const DEMO_YEAR = 2026;
const DEMO_YEAR_CASES = 330;
const SEED = 2026;
const DAY_MS = 86_400_000;
/** Cases received this many days before now may still be on their way. */
const RECENT_DAYS = 40;
/** Cases made to wait past a limit, at each stage (so the oversight page has something at each). */
const STUCK: { state: CaseState; actions: number; count: number }[] = [
  { state: 'atDeptHead', actions: 1, count: 2 },
  { state: 'atLeaderInCharge', actions: 2, count: 2 },
  { state: 'atPrincipalLeader', actions: 3, count: 2 },
  { state: 'refused', actions: 4, count: 1 },
];

export async function loadDemoYear(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const r = seededRandom(SEED);
  const today = todayOf(ctx);
  const nowMs = clockOf(ctx).getTime();
  const calendar = await getWorkCalendar(ctx);
  const { departments, seqs } = await db.transaction().execute(async (trx) => ({
    departments: await loadBureauModel(trx, { today, random: r }),
    seqs: await lastCaseSeqs(trx),
  }));
  if (departments.length === 0) return 0;
  const time = workTime({ from: `${DEMO_YEAR - 1}-12-20`, to: addCalendarDays(today, 60), calendar });
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
    departments: new Map(departments.map((d) => [d.id, d])),
    holders,
  };
  const first = time.indexOf(`${DEMO_YEAR}-01-01`);
  let last = time.indexOf(today);
  if (time.dates[last] !== today) last -= 1;
  last = Math.min(last, time.indexOf(`${DEMO_YEAR + 1}-01-01`) - 1);
  if (last < first) return 0;

  const batch = emptyBatch();
  const rows: CaseRow[] = [];
  const used = new Map<number, number>();
  const slotAt = (dayIndex: number, department: DepartmentModel, actions: number) => {
    const date = time.dates[dayIndex] ?? today;
    const year = Number(date.slice(0, 4));
    const seq = (seqs.get(year) ?? 0) + 1;
    // Two hours before now at the latest: its registration a few minutes on is still in the past.
    const receivedMs = Math.min(
      time.at(dayIndex, r.int(DAY_OPEN_MINUTE, DAY_CLOSE_MINUTE - 30)),
      nowMs - 2 * 3_600_000,
    );
    return { receivedMs, dayIndex, year, seq, department, actions };
  };
  const keep = (slot: ReturnType<typeof slotAt>, row: CaseRow, from: GeneratedBatch) => {
    seqs.set(slot.year, slot.seq);
    used.set(slot.year, slot.seq);
    for (const table of BATCH_TABLES) (batch[table] as unknown[]).push(...from[table]);
    rows.push(row);
  };
  const pick = weightedPicker(departments);

  // Every department and unit has cases: the first ones go round them all, the rest by weight.
  const days = Array.from({ length: DEMO_YEAR_CASES }, () => r.int(first, last)).sort((a, b) => a - b);
  days.forEach((dayIndex, i) => {
    const department = departments[i] ?? pick(r.next());
    const receivedMs = time.at(dayIndex, DAY_OPEN_MINUTE);
    const ageDays = (nowMs - receivedMs) / DAY_MS;
    const stalls = ageDays < RECENT_DAYS && r.chance(0.6 * (1 - ageDays / RECENT_DAYS));
    const slot = slotAt(dayIndex, department, stalls ? r.int(0, 6) : Number.POSITIVE_INFINITY);
    const scratch = emptyBatch();
    keep(slot, generateCase(story, slot, scratch), scratch);
  });

  // A few cases left waiting past a level's limit at every level, and one past its reply's: received
  // some working days ago, their story stops where they wait.
  for (const stuck of STUCK) {
    let made = 0;
    for (let attempt = 0; made < stuck.count && attempt < 400; attempt++) {
      const dayIndex = Math.max(first, last - r.int(6, 14));
      const slot = slotAt(dayIndex, pick(r.next()), stuck.actions);
      const scratch = emptyBatch();
      const row = generateCase(story, slot, scratch);
      const late =
        row.state === 'refused'
          ? row.reply_deadline !== null && row.reply_deadline < today
          : row.level_entered_on !== null && row.level_entered_on < addCalendarDays(today, -3);
      if (row.state !== stuck.state || !late) continue;
      keep(slot, row, scratch);
      made++;
    }
  }

  // ---- Consultations with invitees (会商) and applicants' satisfaction ratings (满意度评价) ----
  // Their features are built on other branches; once merged, their demo rows are generated here, over
  // `rows` (the cases as they stand) and into `batch`, with times between a case's events and now.

  const notifications = rows.flatMap((row) => notificationsOf(row, holders.get(row.department_id)));
  await db.transaction().execute(async (trx) => {
    await insertBatch(trx, ctx.database.dialect, batch, () => undefined);
    await advanceCaseSeqs(trx, used);
    await insertNotificationRows(trx, notifications);
  });
  return rows.length;
}

/** What the service told whom when the case got where it waits: the level's holder that the form
 * arrived, the first responder the reply's date after a final refusal. */
function notificationsOf(row: CaseRow, holders: ChainHolders | undefined) {
  const ref = { caseNumber: row.number, matterTitle: row.matter_title };
  // Stored as the service stores them: the kind's parameters, and the Chinese text for older readers.
  const of = (personId: string, message: NotificationMessage, at: string) => {
    const zh = renderNotification('zh', message);
    return {
      id: newId(),
      person_id: personId,
      kind: message.kind,
      case_id: row.id,
      title: zh.title,
      body: zh.body,
      params: JSON.stringify(message.params),
      dedupe_key: null,
      created_at: at,
      read_at: null,
    };
  };
  if (row.state === 'atDeptHead' || row.state === 'atLeaderInCharge' || row.state === 'atPrincipalLeader') {
    const level = { atDeptHead: 2, atLeaderInCharge: 3, atPrincipalLeader: 4 }[row.state] as 2 | 3 | 4;
    return (holders?.levels[level] ?? []).map((h) =>
      of(h.personId, { kind: 'caseArrived', params: { ...ref, level } }, row.updated_at),
    );
  }
  if (row.state === 'refused' && row.refused_at) {
    return [
      of(
        row.first_responder_id,
        { kind: 'caseRefused', params: { ...ref, replyDeadline: row.reply_deadline ?? '' } },
        row.refused_at,
      ),
    ];
  }
  return [];
}

function weightedPicker(departments: DepartmentModel[]): (u: number) => DepartmentModel {
  let sum = 0;
  const cumulative = departments.map((d) => (sum += d.weight));
  return (u) => departments[cumulative.findIndex((c) => c >= u * sum)] ?? departments[0]!;
}
