// Importing the roster: every row is checked first; the whole file is applied in one transaction or not at all.
import { AppError, fieldMessage, type RosterImportResult, type RosterRowError } from '@bancheng/core';
import { nowIsoOf, type AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/audit/events.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { loadOrgTree } from '../org/index.ts';
import { listActivePeopleRefs } from '../people/index.ts';
import { DEPARTMENT_SEPARATOR, parseRosterWorkbook, type RosterFileRow } from './roster-xlsx.ts';
import { setChainInTransaction, type ChainPeople } from './chain-service.ts';

interface PersonIndexEntry {
  id: string;
  username: string;
  displayName: string;
}

function resolvePerson(label: string, people: PersonIndexEntry[]): { id?: string; error?: string } {
  const m = /^(.*?)[（(]\s*([^()（）]+?)\s*[)）]$/.exec(label.trim());
  if (m) {
    const username = (m[2] ?? '').toLowerCase();
    const name = (m[1] ?? '').trim();
    const person = people.find((p) => p.username === username);
    if (!person) return { error: `找不到用户名为“${m[2]}”的在职人员` };
    // A typo in the username must not silently put someone else in the chain.
    if (name && name !== person.displayName) {
      return { error: `用户名“${m[2]}”对应的是“${person.displayName}”，不是“${name}”` };
    }
    return { id: person.id };
  }
  const matches = people.filter((p) => p.displayName === label.trim());
  if (matches.length === 1) return { id: matches[0]?.id };
  if (matches.length === 0) return { error: `找不到姓名为“${label}”的在职人员` };
  return { error: `姓名“${label}”有重名，请写作 姓名（用户名）` };
}

export async function importRoster(
  ctx: AppContext,
  actor: Actor,
  args: { data: Buffer; effectiveFrom: string },
): Promise<RosterImportResult> {
  const db = ctx.database.db;
  const parsed = await parseRosterWorkbook(args.data);
  const errors: RosterRowError[] = [...parsed.problems];
  if (errors.length === 0 && parsed.rows.length === 0)
    errors.push({ row: 0, message: '名单中没有任何科室 / no rows' });

  const units = await loadOrgTree(db);
  const departments = units.flatMap((u) => u.departments.map((d) => ({ ...d, unitName: u.name })));
  const people = await listActivePeopleRefs(db);

  const plans: { row: number; departmentId: string; people: ChainPeople }[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.rows) {
    const rowErrors = planRow(row, departments, people);
    if (typeof rowErrors === 'string') {
      errors.push({ row: row.row, message: rowErrors });
      continue;
    }
    const previous = seen.get(rowErrors.departmentId);
    if (previous !== undefined) {
      errors.push({ row: row.row, message: `与第 ${previous} 行是同一科室` });
      continue;
    }
    seen.set(rowErrors.departmentId, row.row);
    plans.push({ row: row.row, ...rowErrors });
  }
  if (errors.length > 0) throw new AppError('ROSTER_INVALID', { details: { rows: errors } });

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
          const message = Object.values(e.fields)
            .map((k) => fieldMessage(k, 'zh'))
            .join('；');
          errors.push({ row: plan.row, message });
        } else throw e;
      }
    }
    // Any row failing rolls the whole import back.
    if (errors.length > 0) throw new AppError('ROSTER_INVALID', { details: { rows: errors } });
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
): string | { departmentId: string; people: ChainPeople } {
  const problems: string[] = [];
  // Match the full 单位/科室 label first (names may themselves contain the separator), then a bare name.
  const label = row.department.replace(/\s*\/\s*/g, DEPARTMENT_SEPARATOR).trim();
  let candidates = departments.filter((d) => `${d.unitName}${DEPARTMENT_SEPARATOR}${d.name}` === label);
  if (candidates.length === 0) candidates = departments.filter((d) => d.name === label);
  if (row.department === '') candidates = [];
  if (candidates.length !== 1) {
    problems.push(
      row.department === ''
        ? '未填写单位（科室）'
        : candidates.length === 0
          ? `找不到科室“${row.department}”`
          : `科室“${row.department}”不唯一，请写作 单位${DEPARTMENT_SEPARATOR}科室`,
    );
  }
  const one = (label: string, title: string): string[] => {
    if (!label) {
      problems.push(`未填写${title}`);
      return [];
    }
    const r = resolvePerson(label, people);
    if (r.error) problems.push(`${title}：${r.error}`);
    return r.id ? [r.id] : [];
  };
  const firstResponders: string[] = [];
  if (row.firstResponders.length === 0) problems.push('未填写首问负责人');
  for (const label of row.firstResponders) firstResponders.push(...one(label, '首问负责人'));
  const deptHead = one(row.deptHead, '单位（科室）负责人');
  const leaderInCharge = one(row.leaderInCharge, '分管领导');
  const principalLeader = one(row.principalLeader, '主要领导');
  if (problems.length > 0 || !candidates[0]) return problems.join('；');
  return {
    departmentId: candidates[0].id,
    people: { firstResponder: [...new Set(firstResponders)], deptHead, leaderInCharge, principalLeader },
  };
}
