// Every shape of case-list, search and count query, for the people who ask them most, compiled but not
// run: the query-plan test explains each and fails when one scans a large table, and
// `npm run queries:explain` writes the plans to docs/queries/. The people are read from the data: the
// busiest first responder, the holders of the busiest department's chain, a reader of every case.
import type { CompiledQuery } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { todayOf } from '../../platform/context.ts';
import { subjectOf } from '../access/index.ts';
import { scopesOf } from './case-access.ts';
import { caseListQueries, type CaseListFilter } from './case-list-repository.ts';
import { resolveSearch } from './case-search-repository.ts';
import { followUpsDueQuery } from './case-facts-repository.ts';
import { OVERVIEW_MEASURES, overviewCountQuery } from './case-overview-repository.ts';
import { planPeople, sampleCaseFacts, type PlanPeople } from './case-list-plans-repository.ts';

export interface PlannedQuery {
  name: string;
  query: CompiledQuery;
}

type Variant = Omit<CaseListFilter, 'scope' | 'todo' | 'homeDepartmentIds' | 'pageSize'>;

export async function caseListPlanQueries(ctx: AppContext): Promise<PlannedQuery[]> {
  const db = ctx.database.db;
  const people = await planPeople(db);
  const facts = await sampleCaseFacts(db, people);
  const out: PlannedQuery[] = [];
  const who: [string, keyof PlanPeople][] = [
    ['first responder', 'firstResponder'],
    ['department head', 'deptHead'],
    ['principal leader', 'principalLeader'],
    ['supervision office', 'supervisionOffice'],
  ];
  const cut = { date: facts.to, levelEnteredBefore: { 2: facts.to, 3: facts.to, 4: facts.to } };
  const variants: [string, Variant][] = [
    ['to-do list', { view: 'todo' }],
    ['mine', { view: 'mine' }],
    ['department', { view: 'department' }],
    ['department, state', { view: 'department', state: 'closed' }],
    [
      'department, matter type and dates',
      { view: 'department', matterType: 'licensing', from: facts.from, to: facts.to },
    ],
    ['everything readable', { view: 'all' }],
    ['everything readable, overdue', { view: 'all', overdueBefore: cut }],
    ['department, due soon', { view: 'department', dueBy: cut }],
    ['everything readable, state', { view: 'all', state: 'refused' }],
    [
      'everything readable, next page',
      { view: 'all', cursor: { kind: 'received', receivedAt: facts.to, id: facts.caseId } },
    ],
    ['search, two characters', { view: 'all', q: '食品' }],
    ['search, one character', { view: 'all', q: '证' }],
    ['search, four characters', { view: 'all', q: '营业执照' }],
    ['search, rare text', { view: 'all', q: facts.applicantName }],
    ['search, phone number', { view: 'all', q: facts.phone }],
    ['search, case number', { view: 'all', q: facts.number }],
    ['search, department', { view: 'department', q: '食品' }],
    ['search, next page', { view: 'all', q: '许可', cursor: { kind: 'search', searchId: facts.searchId } }],
  ];
  const date = todayOf(ctx);
  for (const [personLabel, key] of who) {
    const personId = people[key];
    if (personId === undefined) continue;
    const scopes = scopesOf(await subjectOf(db, personId, date));
    for (const [label, variant] of variants) {
      const search = variant.q === undefined ? undefined : await resolveSearch(db, variant.q);
      const queries = caseListQueries(db, ctx.database.dialect, {
        ...scopes,
        ...variant,
        search,
        pageSize: 20,
      });
      if (queries === undefined) continue;
      out.push({ name: `${label} (${personLabel}): page`, query: queries.page.compile() });
      if (variant.cursor === undefined) {
        out.push({ name: `${label} (${personLabel}): count`, query: queries.count.compile() });
      }
      if ('reach' in queries) {
        out.push({ name: `${label} (${personLabel}): matches examined`, query: queries.reach.compile() });
      }
    }
  }
  return out;
}

/** The home page's oversight counts (`GET /api/overview`) and the follow-ups waiting on a person
 * (`GET /api/follow-ups`), for the same four kinds of reader. */
export async function overviewPlanQueries(ctx: AppContext): Promise<PlannedQuery[]> {
  const db = ctx.database.db;
  const people = await planPeople(db);
  const facts = await sampleCaseFacts(db, people);
  const cut = { date: facts.to, levelEnteredBefore: { 2: facts.to, 3: facts.to, 4: facts.to } };
  const date = todayOf(ctx);
  const out: PlannedQuery[] = [];
  for (const key of ['firstResponder', 'deptHead', 'principalLeader', 'supervisionOffice'] as const) {
    const personId = people[key];
    if (personId === undefined) continue;
    const { scope } = scopesOf(await subjectOf(db, personId, date));
    for (const measure of OVERVIEW_MEASURES) {
      out.push({
        name: `overview ${measure} (${key})`,
        query: overviewCountQuery(db, { measure, cut, scope }).compile(),
      });
    }
    out.push({ name: `follow-ups (${key})`, query: followUpsDueQuery(db, { personId, scope }).compile() });
  }
  return out;
}
