// The case lists as SQL that stays fast at millions of cases (migration 0010, docs/queries/).
//
// A list is the union of branches, each an indexed set read newest first and cut at a page: the person's
// own cases, those they registered, those they decided on, each department's, the co-departments'. So a
// page reads at most a page per branch, however many cases the person may see, and a count stops at
// LIST_COUNT_CAP. Search walks the full-text index newest registered first and checks each hit against
// the same view, so it too stops at a page.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import {
  CASE_STATES,
  LIST_COUNT_CAP,
  type CaseState,
  type ListCursor,
  type MatterType,
} from '@bancheng/core';
import type { CaseScope } from '@bancheng/core';
import type { Db, Dialect, Trx } from '../../platform/db/database.ts';
import type { CaseChannel, CaseRow, DB } from '../../platform/db/schema.ts';
import { matchingSearchIds, resolveSearch, searchPlan, type SearchPlan } from './case-search-repository.ts';

type Executor = Db | Trx;
type Where = (eb: ExpressionBuilder<DB, 'cases'>) => Expression<SqlBool>;

/** What "my to-do list" means in SQL: cases waiting on an action of this person. */
export interface TodoScope {
  personId: string;
  levelDepartments: Record<2 | 3 | 4, readonly string[]>;
  /** Departments the person speaks for as a co-department (first responder or head): their cases being
   * worked on are on the to-do list. */
  coDepartmentIds?: readonly string[];
}

export interface CaseListFilter {
  view: 'todo' | 'mine' | 'department' | 'all';
  scope: CaseScope;
  todo: TodoScope;
  homeDepartmentIds: readonly string[];
  state?: CaseState | undefined;
  /** Past due before this cut: refusals' replies, matters' time limits, and the approval levels. */
  overdueBefore?: DueCut | undefined;
  /** Due on or before this cut (its `date`; its thresholds are those of the day after). */
  dueBy?: DueCut | undefined;
  /** Not closed. */
  open?: boolean | undefined;
  /** Confirmed refusals (`refusedCondition`). */
  refused?: boolean | undefined;
  matterType?: MatterType | undefined;
  channel?: CaseChannel | undefined;
  departmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  /** How `q` is looked for, when resolved already (`resolveSearch()`); else `searchPlan(q)`. */
  search?: SearchPlan | undefined;
  cursor?: ListCursor | undefined;
  pageSize: number;
}

export interface CaseListPage {
  rows: CaseRow[];
  total: number;
  totalExact: boolean;
  next: ListCursor | null;
}

const OWNER_STATES: CaseState[] = ['open', 'resolving', 'inConsultation', 'refused', 'replied'];

/** States in which a matter's time limit (due_date) runs; a final refusal has its reply deadline instead. */
export const OPEN_CASE_STATES: readonly CaseState[] = ['open', 'resolving', 'inConsultation'];

const LEVEL_STATES = [
  [2, 'atDeptHead'],
  [3, 'atLeaderInCharge'],
  [4, 'atPrincipalLeader'],
] as const;

/**
 * A date the lists cut due dates at, with what it means for each approval level: a case waiting at a level
 * since before `levelEnteredBefore[level]` is due by the cut (core `startedBeforeForDueBefore()`), so the
 * filter is a range on the index (state, level_entered_on) and settings changes apply at once.
 */
export interface DueCut {
  date: string;
  levelEnteredBefore: Record<2 | 3 | 4, string>;
}

/** Refusals whose reply deadline, open cases whose matter's due date, and cases waiting at a level whose
 * limit fall before (or on) the cut. */
export function dueFilter(eb: ExpressionBuilder<DB, 'cases'>, op: '<' | '<=', cut: DueCut) {
  return eb.or([
    eb.and([eb('cases.state', '=', 'refused'), eb('cases.reply_deadline', op, cut.date)]),
    eb.and([eb('cases.state', 'in', [...OPEN_CASE_STATES]), eb('cases.due_date', op, cut.date)]),
    ...LEVEL_STATES.map(([level, state]) =>
      eb.and([
        eb('cases.state', '=', state),
        eb('cases.level_entered_on', '<', cut.levelEnteredBefore[level]),
      ]),
    ),
  ]);
}

/** Cases not closed: a range on the state indexes. */
export function openCondition(eb: ExpressionBuilder<DB, 'cases'>) {
  return eb(
    'cases.state',
    'in',
    CASE_STATES.filter((s) => s !== 'closed'),
  );
}

/** Refusals the principal leader confirmed: waiting for the reply or replied (by state), or closed as
 * refused (by outcome; index of migration 0021). A reopened round clears the outcome. */
export function refusedCondition(eb: ExpressionBuilder<DB, 'cases'>) {
  return eb.or([eb('cases.state', 'in', ['refused', 'replied']), eb('cases.outcome', '=', 'refused')]);
}

/** An indexed set of cases: rows of `cases` by an indexed condition, or the cases a person decided on,
 * or the cases of co-departments, each read from its own table. */
type Branch =
  | { from: 'cases'; where: Where }
  | { from: 'case_decisions'; personId: string }
  | { from: 'case_co_departments'; departmentIds: string[]; states?: readonly CaseState[] }
  /** Cases whose consultation the person convenes or is invited to; `openOnly`: not recorded yet. */
  | { from: 'case_consultation_people'; personId: string; openOnly: boolean };

const ofCases = (where: Where): Branch => ({ from: 'cases', where });

/** The departments a scope reads, of those asked for: all of them for a reader of every case. */
function readable(scope: CaseScope, departmentIds: readonly string[]): string[] {
  return scope.all ? [...departmentIds] : departmentIds.filter((d) => scope.departmentIds.includes(d));
}

/** The branches whose union is the view. No branch: the view is empty; 'all': every case. */
export function viewBranches(
  f: Pick<CaseListFilter, 'view' | 'scope' | 'todo' | 'homeDepartmentIds'>,
): Branch[] | 'all' {
  const me = f.scope.personId;
  const own: Branch[] = [
    ofCases((eb) => eb('cases.first_responder_id', '=', me)),
    ofCases((eb) => eb('cases.registered_by', '=', me)),
    { from: 'case_decisions', personId: me },
    { from: 'case_consultation_people', personId: me, openOnly: false },
  ];
  const departmentBranches = (departments: readonly string[]) =>
    departments.map((d) => ofCases((eb) => eb('cases.department_id', '=', d)));
  switch (f.view) {
    case 'todo': {
      const branches: Branch[] = [
        ofCases((eb) =>
          eb.and([eb('cases.first_responder_id', '=', me), eb('cases.state', 'in', OWNER_STATES)]),
        ),
      ];
      for (const [level, state] of LEVEL_STATES) {
        const departments = readable(f.scope, f.todo.levelDepartments[level]);
        if (departments.length === 0) continue;
        branches.push(
          ofCases((eb) =>
            eb.and([
              eb('cases.state', '=', state),
              eb('cases.department_id', 'in', departments),
              eb.or([eb('cases.proposer_id', 'is', null), eb('cases.proposer_id', '!=', me)]),
            ]),
          ),
        );
      }
      // A consultation waiting for its meeting: on the convener's and every invitee's list.
      branches.push({ from: 'case_consultation_people', personId: me, openOnly: true });
      const coDepartments = readable(f.scope, f.todo.coDepartmentIds ?? []);
      if (coDepartments.length > 0) {
        branches.push({
          from: 'case_co_departments',
          departmentIds: coDepartments,
          states: OPEN_CASE_STATES,
        });
      }
      return branches;
    }
    case 'mine':
      return own;
    case 'department':
      return departmentBranches(readable(f.scope, f.homeDepartmentIds));
    case 'all': {
      if (f.scope.all) return 'all';
      const departments = f.scope.departmentIds;
      return [
        ...own,
        ...departmentBranches(departments),
        ...(departments.length > 0
          ? [{ from: 'case_co_departments' as const, departmentIds: [...departments] }]
          : []),
      ];
    }
  }
}

/** A branch as a condition on one case row, for checking search hits one by one (by index probes). */
function branchCondition(b: Branch): Where {
  switch (b.from) {
    case 'cases':
      return b.where;
    case 'case_decisions':
      return (eb) =>
        eb.exists(
          eb
            .selectFrom('case_decisions')
            .select(sql`1`.as('one'))
            .whereRef('case_decisions.case_id', '=', 'cases.id')
            .where('case_decisions.person_id', '=', b.personId),
        );
    case 'case_co_departments':
      return (eb) =>
        eb.and([
          ...(b.states ? [eb('cases.state', 'in', [...b.states])] : []),
          eb.exists(
            eb
              .selectFrom('case_co_departments')
              .select(sql`1`.as('one'))
              .whereRef('case_co_departments.case_id', '=', 'cases.id')
              .where('case_co_departments.department_id', 'in', b.departmentIds),
          ),
        ]);
    case 'case_consultation_people':
      return (eb) =>
        eb.exists(
          eb
            .selectFrom('case_consultation_people')
            .select(sql`1`.as('one'))
            .whereRef('case_consultation_people.case_id', '=', 'cases.id')
            .where('case_consultation_people.person_id', '=', b.personId)
            .where((e) => (b.openOnly ? e('case_consultation_people.open', '=', 1) : e.and([]))),
        );
  }
}

/** The cases of a branch meeting `condition`, as a query on `cases` to select from. A branch of another
 * table drives the join from that table (CROSS JOIN keeps SQLite from turning it round). */
type CasesQuery = ReturnType<typeof casesOf>;
const casesOf = (db: Executor) => db.selectFrom('cases');

function branchQuery(db: Executor, b: Branch | undefined, condition: Where): CasesQuery {
  if (b === undefined || b.from === 'cases') {
    return casesOf(db).where((eb) => eb.and([...(b ? [b.where(eb)] : []), condition(eb)]));
  }
  if (b.from === 'case_decisions') {
    return db
      .selectFrom('case_decisions')
      .crossJoin('cases')
      .whereRef('cases.id', '=', 'case_decisions.case_id')
      .where('case_decisions.person_id', '=', b.personId)
      .where(condition)
      .distinct() as unknown as CasesQuery;
  }
  if (b.from === 'case_consultation_people') {
    return db
      .selectFrom('case_consultation_people')
      .crossJoin('cases')
      .whereRef('cases.id', '=', 'case_consultation_people.case_id')
      .where('case_consultation_people.person_id', '=', b.personId)
      .where((eb) => (b.openOnly ? eb('case_consultation_people.open', '=', 1) : eb.and([])))
      .where(condition)
      .distinct() as unknown as CasesQuery;
  }
  return db
    .selectFrom('case_co_departments')
    .crossJoin('cases')
    .whereRef('cases.id', '=', 'case_co_departments.case_id')
    .where('case_co_departments.department_id', 'in', b.departmentIds)
    .where((eb) => (b.states ? eb('cases.state', 'in', [...b.states]) : eb.and([])))
    .where(condition)
    .distinct() as unknown as CasesQuery;
}

/** The fields `filtersOf()` turns into conditions. */
const FILTER_FIELDS = [
  'state',
  'overdueBefore',
  'dueBy',
  'open',
  'refused',
  'matterType',
  'channel',
  'departmentId',
  'from',
  'to',
] as const satisfies readonly (keyof CaseListFilter)[];

function hasFilters(f: CaseListFilter): boolean {
  return FILTER_FIELDS.some((field) => f[field] !== undefined);
}

/** The list's filters other than the view, as one condition. */
function filtersOf(f: CaseListFilter): Where {
  return (eb) => {
    const all: Expression<SqlBool>[] = [];
    if (f.state) all.push(eb('cases.state', '=', f.state));
    if (f.overdueBefore) all.push(dueFilter(eb, '<', f.overdueBefore));
    if (f.dueBy) all.push(dueFilter(eb, '<=', f.dueBy));
    if (f.open === true) all.push(openCondition(eb));
    if (f.refused === true) all.push(refusedCondition(eb));
    if (f.matterType) all.push(eb('cases.matter_type', '=', f.matterType));
    if (f.channel) all.push(eb('cases.channel', '=', f.channel));
    if (f.departmentId) all.push(eb('cases.department_id', '=', f.departmentId));
    if (f.from) all.push(eb('cases.received_at', '>=', f.from));
    if (f.to) all.push(eb('cases.received_at', '<', f.to));
    return eb.and(all);
  };
}

function afterCursor(cursor: ListCursor | undefined): Where {
  return (eb) =>
    cursor?.kind === 'received'
      ? eb(eb.refTuple('cases.received_at', 'cases.id'), '<', eb.tuple(cursor.receivedAt, cursor.id))
      : eb.and([]);
}

/** The queries of one list page, unexecuted: the page (one more row than asked, to know there is a next)
 * and the capped count. Each branch is read newest first and cut at the page; their union is sorted and
 * cut again. The plan test explains them. */
export function caseListQueries(db: Executor, dialect: Dialect, f: CaseListFilter) {
  if (f.q !== undefined && f.q.trim() !== '') {
    return searchQueries(db, dialect, f, f.search ?? searchPlan(f.q));
  }
  const branches = viewBranches(f);
  const parts = branches === 'all' ? [undefined] : branches;
  if (parts.length === 0) return undefined;
  const filters = filtersOf(f);
  const cursor = afterCursor(f.cursor);
  const limit = f.pageSize + 1;
  const newestFirst = <Q extends { orderBy: (c: 'cases.received_at' | 'cases.id', d: 'desc') => Q }>(q: Q) =>
    q.orderBy('cases.received_at', 'desc').orderBy('cases.id', 'desc');
  const pageParts = parts.map((b) =>
    newestFirst(
      branchQuery(db, b, (eb) => eb.and([filters(eb), cursor(eb)]))
        .selectAll('cases')
        .limit(limit),
    ),
  );
  const countParts = parts.map((b) =>
    branchQuery(db, b, filters)
      .select('cases.id')
      .limit(LIST_COUNT_CAP + 1),
  );
  const [firstPage, ...restPage] = pageParts.map((q) => db.selectFrom(q.as('b')).selectAll('b'));
  const [firstCount, ...restCount] = countParts.map((q) => db.selectFrom(q.as('b')).select('b.id'));
  if (firstPage === undefined || firstCount === undefined) return undefined;
  const pageUnion = restPage.reduce((u, q) => u.union(q), firstPage);
  const countUnion = restCount.reduce((u, q) => u.union(q), firstCount);
  const page =
    parts.length === 1
      ? db
          .selectFrom(pageParts[0]!.as('u'))
          .selectAll('u')
          .select(sql<number | string | null>`null`.as('search_id'))
      : db
          .selectFrom(pageUnion.as('u'))
          .selectAll('u')
          .select(sql<number | string | null>`null`.as('search_id'))
          .orderBy('u.received_at', 'desc')
          .orderBy('u.id', 'desc')
          .limit(limit);
  const count = db.selectFrom(countUnion.as('c')).select((eb) => eb.fn.countAll<number | string>().as('n'));
  return { page, count };
}

/** The view as one condition on a case row, for checking search hits one by one. */
function viewCondition(f: CaseListFilter): Where {
  const branches = viewBranches(f);
  return (eb) => (branches === 'all' ? eb.and([]) : eb.or(branches.map((b) => branchCondition(b)(eb))));
}

/** The ids of the cases a scope reads, as a subquery other queries can filter by (the audit log's): the
 * union of the same indexed branches as the lists. */
export function visibleCaseIds(db: Executor, scope: CaseScope) {
  const branches = viewBranches({
    view: 'all',
    scope,
    todo: { personId: scope.personId, levelDepartments: { 2: [], 3: [], 4: [] } },
    homeDepartmentIds: [],
  });
  const parts = branches === 'all' ? [undefined] : branches;
  const [first, ...rest] = parts.map((b) => branchQuery(db, b, (eb) => eb.and([])).select('cases.id'));
  return rest.reduce((u, q) => u.union(q), first ?? db.selectFrom('cases').select('cases.id'));
}

/** A search examines at most this many of the newest matches per query, so no request walks a long
 * list of matches of cases the reader cannot see; the page says where it stopped (its cursor), and the
 * next request goes on from there. One more than the count's cap: a count of what was examined is then
 * exact exactly when it is under the cap. */
export const SEARCH_SCAN_LIMIT = LIST_COUNT_CAP + 1;

function searchQueries(db: Executor, dialect: Dialect, f: CaseListFilter, plan: SearchPlan) {
  if (plan.kind === 'nothing') return undefined;
  const view = viewCondition(f);
  const filters = filtersOf(f);
  const after = f.cursor?.kind === 'search' ? f.cursor.searchId : undefined;
  const scanned = (withCursor: boolean) =>
    matchingSearchIds(db, dialect, plan, withCursor ? after : undefined, SEARCH_SCAN_LIMIT).as('f');
  const hits = (withCursor: boolean) =>
    // The matches drive the join (CROSS JOIN: SQLite keeps the order written), each checked by index probes;
    // a department's own index would otherwise drive and walk all its cases.
    db
      .selectFrom(scanned(withCursor))
      .crossJoin('case_search')
      .crossJoin('cases')
      .whereRef('case_search.search_id', '=', 'f.search_id')
      .whereRef('cases.id', '=', 'case_search.case_id')
      .where((eb) => eb.and([view(eb), filters(eb)]))
      .orderBy('f.search_id', 'desc');
  const page = hits(true)
    .selectAll('cases')
    .select('f.search_id')
    .limit(f.pageSize + 1);
  // A reader of every case with no filter counts the matches themselves: every match is on the list.
  const unfiltered = viewBranches(f) === 'all' && !hasFilters(f);
  const examined = db
    .selectFrom(scanned(false))
    .select((e) => e.fn.countAll<number | string>().as('examined'));
  const count = unfiltered
    ? db
        .selectFrom(scanned(false))
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), examined.as('examined')])
    : db
        .selectFrom(
          hits(false)
            .select('cases.id')
            .limit(LIST_COUNT_CAP + 1)
            .as('c'),
        )
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), examined.as('examined')]);
  const reach = db
    .selectFrom(scanned(true))
    .select((eb) => [
      eb.fn.countAll<number | string>().as('examined'),
      eb.fn.min<number | string | null>('f.search_id').as('floor'),
    ]);
  return { page, count, reach };
}

export async function listCaseRows(db: Executor, dialect: Dialect, f: CaseListFilter): Promise<CaseListPage> {
  const search = f.q !== undefined && f.q.trim() !== '' ? await resolveSearch(db, f.q) : undefined;
  const queries = caseListQueries(db, dialect, { ...f, search });
  if (queries === undefined) return { rows: [], total: 0, totalExact: true, next: null };
  const [found, count] = await Promise.all([queries.page.execute(), queries.count.executeTakeFirstOrThrow()]);
  // Where a short page of a search stopped: asked only then.
  const reach =
    'reach' in queries && found.length <= f.pageSize
      ? await queries.reach.executeTakeFirstOrThrow()
      : undefined;
  const n = Number(count.n);
  const examinedAll = !('examined' in count) || Number(count.examined) < SEARCH_SCAN_LIMIT;
  const rows = found.slice(0, f.pageSize);
  const last = found.length > f.pageSize ? rows.at(-1) : undefined;
  let next: ListCursor | null = null;
  if (last !== undefined) {
    next =
      last.search_id !== null
        ? { kind: 'search', searchId: Number(last.search_id) }
        : { kind: 'received', receivedAt: last.received_at, id: last.id };
  } else if (reach !== undefined && Number(reach.examined) >= SEARCH_SCAN_LIMIT && reach.floor !== null) {
    // The page ran out of examined matches, not of matches: the next request goes on below them.
    next = { kind: 'search', searchId: Number(reach.floor) };
  }
  return {
    rows: rows.map(({ search_id: _, ...row }) => row),
    total: Math.min(n, LIST_COUNT_CAP),
    totalExact: n <= LIST_COUNT_CAP && examinedAll,
    next,
  };
}
