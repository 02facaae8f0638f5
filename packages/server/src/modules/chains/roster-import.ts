// Importing the roster: every row is checked first; the whole file is applied in one transaction or not at all.
import {
  AppError,
  describeImportProblems,
  type ChainPosition,
  type ImportProblem,
  type ImportProblemCode,
  type Lang,
  type RosterImportResult,
  type RosterRowError,
} from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { loadOrgTree } from '../org/index.ts';
import { listActivePeopleRefs } from '../people/index.ts';
import {
  DEPARTMENT_SEPARATOR,
  parseRosterWorkbook,
  type RosterFileRow,
  type RosterProblemRow,
} from './roster-xlsx.ts';
import { setChainInTransaction, type ChainPeople } from './chain-service.ts';

interface PersonIndexEntry {
  id: string;
  username: string;
  displayName: string;
}

type PersonProblem = { code: ImportProblemCode; params: Record<string, string> };

/** The person a roster cell names ("姓名（用户名）" or a name alone), or what is wrong with it. */
function resolvePerson(label: string, people: PersonIndexEntry[]): { id?: string; error?: PersonProblem } {
  const m = /^(.*?)[（(]\s*([^()（）]+?)\s*[)）]$/.exec(label.trim());
  if (m) {
    const username = (m[2] ?? '').toLowerCase();
    const name = (m[1] ?? '').trim();
    const person = people.find((p) => p.username === username);
    if (!person) return { error: { code: 'usernameNotFound', params: { username: m[2] ?? '' } } };
    // A typo in the username must not silently put someone else in the chain.
    if (name && name !== person.displayName) {
      return {
        error: {
          code: 'usernameMismatch',
          params: { username: m[2] ?? '', actual: person.displayName, name },
        },
      };
    }
    return { id: person.id };
  }
  const matches = people.filter((p) => p.displayName === label.trim());
  if (matches.length === 1) return { id: matches[0]?.id };
  if (matches.length === 0) return { error: { code: 'personNotFound', params: { name: label } } };
  return { error: { code: 'personAmbiguous', params: { name: label } } };
}

export async function importRoster(
  ctx: AppContext,
  actor: Actor,
  args: { data: Buffer; effectiveFrom: string; lang: Lang },
): Promise<RosterImportResult> {
  const db = ctx.database.db;
  const parsed = await parseRosterWorkbook(args.data);
  const errors: RosterProblemRow[] = [...parsed.problems];
  if (errors.length === 0 && parsed.rows.length === 0)
    errors.push({ row: 0, problems: [{ code: 'noRows', params: {} }] });
  // The rows as answered: each row's problems, and their words in the request's language.
  const refused = () =>
    new AppError('ROSTER_INVALID', {
      details: {
        rows: errors.map((e): RosterRowError => ({
          ...e,
          message: describeImportProblems(args.lang, e.problems),
        })),
      },
    });

  const units = await loadOrgTree(db);
  const departments = units.flatMap((u) => u.departments.map((d) => ({ ...d, unitName: u.name })));
  const people = await listActivePeopleRefs(db);

  const plans: { row: number; departmentId: string; people: ChainPeople }[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const rowErrors = planRow(row, departments, people);
    if (Array.isArray(rowErrors)) {
      errors.push({ row: row.row, problems: rowErrors });
      continue;
    }
    const previous = seen.get(rowErrors.departmentId);
    if (previous !== undefined) {
      errors.push({ row: row.row, problems: [{ code: 'sameDepartment', params: { row: previous } }] });
      continue;
    }
    seen.set(rowErrors.departmentId, row.row);
    plans.push({ row: row.row, ...rowErrors });
  }
  if (errors.length > 0) throw refused();

  await db.transaction().execute(async (trx) => {
    for (const plan of plans) {
      try {
        await setChainInTransaction(trx, {
          actor,
          departmentId: plan.departmentId,
          effectiveFrom: args.effectiveFrom,
          people: plan.people,
          source: 'import',
          now: nowIsoOf(ctx),
        });
      } catch (e) {
        if (e instanceof AppError && e.fields) {
          const problems = Object.values(e.fields).map((field): ImportProblem => ({
            code: 'chainRefused',
            params: { field },
          }));
          errors.push({ row: plan.row, problems });
        } else throw e;
      }
    }
    // Any row failing rolls the whole import back.
    if (errors.length > 0) throw refused();
    await appendAuditEvent(
      trx,
      actor,
      {
        type: 'roster.imported',
        subjectId: null,
        payload: { effectiveFrom: args.effectiveFrom, departments: plans.length },
      },
      nowIsoOf(ctx),
    );
  });
  return { departments: plans.length, effectiveFrom: args.effectiveFrom };
}

function planRow(
  row: RosterFileRow,
  departments: { id: string; name: string; unitName: string }[],
  people: PersonIndexEntry[],
): ImportProblem[] | { departmentId: string; people: ChainPeople } {
  const problems: ImportProblem[] = [];
  // Match the full 单位/科室 label first (names may themselves contain the separator), then a bare name.
  const label = row.department.replace(/\s*\/\s*/g, DEPARTMENT_SEPARATOR).trim();
  let candidates = departments.filter((d) => `${d.unitName}${DEPARTMENT_SEPARATOR}${d.name}` === label);
  if (candidates.length === 0) candidates = departments.filter((d) => d.name === label);
  if (row.department === '') candidates = [];
  if (candidates.length !== 1) {
    problems.push(
      row.department === ''
        ? { code: 'departmentMissing', params: {} }
        : {
            code: candidates.length === 0 ? 'departmentNotFound' : 'departmentAmbiguous',
            params: { value: row.department },
          },
    );
  }
  const one = (label: string, position: ChainPosition): string[] => {
    if (!label) {
      problems.push({ code: 'positionMissing', params: { position } });
      return [];
    }
    const r = resolvePerson(label, people);
    if (r.error) problems.push({ code: r.error.code, params: { ...r.error.params, position } });
    return r.id ? [r.id] : [];
  };
  const firstResponders: string[] = [];
  if (row.firstResponders.length === 0) {
    problems.push({ code: 'positionMissing', params: { position: 'firstResponder' } });
  }
  for (const label of row.firstResponders) firstResponders.push(...one(label, 'firstResponder'));
  const deptHead = one(row.deptHead, 'deptHead');
  const leaderInCharge = one(row.leaderInCharge, 'leaderInCharge');
  const principalLeader = one(row.principalLeader, 'principalLeader');
  if (problems.length > 0 || !candidates[0]) return problems;
  return {
    departmentId: candidates[0].id,
    people: { firstResponder: [...new Set(firstResponders)], deptHead, leaderInCharge, principalLeader },
  };
}
