// The generated units, departments, people, chains and matter lists, written through the same module
// functions the administration pages and the demo use (they are few: a unit per ~50,000 cases), and the
// whole bureau read back as the model cases are generated from, the demo's departments included.
import type { MatterType } from '@bancheng/core';
import type { Trx } from '../../platform/db/database.ts';
import { appendAuditEvent } from '../../platform/audit/audit-repository.ts';
import { insertDepartment, insertUnit, loadOrgTree } from '../../modules/org/index.ts';
import { insertPerson } from '../../modules/people/index.ts';
import { assignmentsOn, setChainInTransaction } from '../../modules/chains/index.ts';
import { insertMatter, listDepartmentMatters } from '../../modules/matters/index.ts';
import { DEPARTMENT_TEMPLATES, mobile, personName, unitName, type DepartmentTemplate } from './org-texts.ts';
import type { Random } from './random.ts';

/** Generated chains hold from this date, the start of the generated history. */
export const GENERATED_SINCE = '2023-01-01';
const SYSTEM = { personId: null, address: null };

export interface MatterModel {
  id: string;
  title: string;
  type: MatterType;
  workdays: number | null;
}

export interface DepartmentModel {
  id: string;
  name: string;
  unitName: string;
  district: string;
  topic: string;
  firstResponders: string[];
  deptHead: string;
  leaderInCharge: string;
  principalLeader: string;
  matters: MatterModel[];
  /** The first day its chain holds: no case of it is received earlier. */
  since: string;
  /** Relative share of the cases. */
  weight: number;
  /** Other departments of its unit, for cross-department cases. */
  siblings: string[];
}

export interface OrgCounts {
  units: number;
  departments: number;
  people: number;
  matters: number;
}

const OFFICE: DepartmentTemplate = { name: '办公室', topic: '营业执照', matters: [] };

/** Adds `units` units under the bureau (the root unit), each with ~8 departments of ~10 people. */
export async function addGeneratedUnits(
  trx: Trx,
  args: { units: number; random: Random; passwordHash: string; now: string },
): Promise<OrgCounts> {
  const { random: r, now } = args;
  const tree = await loadOrgTree(trx);
  const bureau = tree.find((u) => u.kind === 'bureau');
  if (!bureau) throw new Error('the generator adds units to a bureau: load the demo or create one first');
  const counts: OrgCounts = { units: 0, departments: 0, people: 0, matters: 0 };
  const taken = new Set(tree.map((u) => u.name));
  let ordinal = tree.length;
  for (let i = 0; i < args.units; i++) {
    while (taken.has(unitName(ordinal))) ordinal++;
    const n = ordinal++;
    const unitId = r.uuid();
    const name = unitName(n);
    taken.add(name);
    await insertUnit(trx, {
      id: unitId,
      parentId: bureau.id,
      kind: 'unit',
      name,
      sortOrder: n + 1,
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
    counts.units++;
    const person = async (d: number, p: number, departmentId: string): Promise<string> => {
      const id = r.uuid();
      await insertPerson(
        trx,
        {
          id,
          username: `g${n}d${d}p${p}`,
          displayName: personName(r),
          departmentId,
          passwordHash: args.passwordHash,
          phone: mobile(r),
          email: null,
          mustChangePassword: false,
          now,
        },
        [],
      );
      counts.people++;
      return id;
    };
    // The office holds the unit's leaders: its principal leader and two or three leaders in charge.
    const templates = [OFFICE, ...DEPARTMENT_TEMPLATES.slice(0, 4), ...pickSome(r, DEPARTMENT_TEMPLATES.slice(4), 3)];
    let principal = '';
    const leaders: string[] = [];
    for (const [d, template] of templates.entries()) {
      const departmentId = r.uuid();
      await insertDepartment(trx, {
        id: departmentId,
        unitId,
        name: template.name,
        sortOrder: d + 1,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      counts.departments++;
      let p = 0;
      if (d === 0) {
        principal = await person(d, p++, departmentId);
        for (let k = r.int(2, 3); k > 0; k--) leaders.push(await person(d, p++, departmentId));
      }
      const deptHead = await person(d, p++, departmentId);
      const firstResponders: string[] = [];
      for (let k = d === 0 ? 2 : r.int(5, 7); k > 0; k--) firstResponders.push(await person(d, p++, departmentId));
      for (let k = d === 0 ? 1 : r.int(1, 2); k > 0; k--) await person(d, p++, departmentId);
      await setChainInTransaction(trx, {
        actor: SYSTEM,
        departmentId,
        effectiveFrom: GENERATED_SINCE,
        people: {
          firstResponder: firstResponders,
          deptHead: [deptHead],
          leaderInCharge: [leaders[d % leaders.length] ?? principal],
          principalLeader: [principal],
        },
        source: 'import',
        now,
      });
      for (const matter of template.matters) {
        await addMatter(trx, { id: r.uuid(), departmentId, matter, now });
        counts.matters++;
      }
    }
  }
  return counts;
}

function pickSome<T>(r: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(...pool.splice(r.int(0, pool.length - 1), 1));
  return out;
}

async function addMatter(
  trx: Trx,
  args: { id: string; departmentId: string; matter: DepartmentTemplate['matters'][number]; now: string },
): Promise<void> {
  const { matter, now } = args;
  await insertMatter(trx, {
    id: args.id,
    departmentId: args.departmentId,
    title: matter.title,
    matterType: matter.type,
    timeLimitWorkdays: matter.workdays,
    remarks: null,
    active: true,
    version: 0,
    createdAt: now,
    updatedAt: now,
  });
  await appendAuditEvent(
    trx,
    SYSTEM,
    {
      type: 'matter.created',
      subjectId: args.id,
      payload: {
        departmentId: args.departmentId,
        before: null,
        after: {
          title: matter.title,
          matterType: matter.type,
          timeLimitWorkdays: matter.workdays,
          remarks: null,
          active: true,
        },
      },
    },
    now,
  );
}

/** Every department with a whole chain today, as cases are generated from it. */
export async function loadBureauModel(trx: Trx, args: { today: string; random: Random }): Promise<DepartmentModel[]> {
  const tree = await loadOrgTree(trx);
  const assignments = await assignmentsOn(trx, { date: args.today });
  const models: DepartmentModel[] = [];
  for (const unit of tree) {
    const ids = unit.departments.map((d) => d.id);
    for (const dept of unit.departments) {
      const mine = assignments.filter((a) => a.departmentId === dept.id);
      const holder = (position: string) => mine.find((a) => a.position === position)?.personId;
      const firstResponders = mine.filter((a) => a.position === 'firstResponder').map((a) => a.personId);
      const deptHead = holder('deptHead');
      const leaderInCharge = holder('leaderInCharge');
      const principalLeader = holder('principalLeader');
      if (!deptHead || !leaderInCharge || !principalLeader || firstResponders.length === 0) continue;
      const since = mine.reduce((max, a) => (a.effectiveFrom > max ? a.effectiveFrom : max), GENERATED_SINCE);
      const template = DEPARTMENT_TEMPLATES.find((t) => t.name === dept.name || dept.name.includes(t.topic));
      const matters = await listDepartmentMatters(trx, { departmentId: dept.id, includeInactive: false });
      const isOffice = dept.name.includes('办公室') || dept.name.includes('督察');
      models.push({
        id: dept.id,
        name: dept.name,
        unitName: unit.name,
        district: unit.name.replace(/(区市场监督管理局|市场监管所|分局|市场监督管理局)$/, '').slice(-4) || '演示市',
        topic: template?.topic ?? '营业执照',
        firstResponders,
        deptHead,
        leaderInCharge,
        principalLeader,
        matters: matters.map((m) => ({
          id: m.id,
          title: m.title,
          type: m.matterType,
          workdays: m.timeLimitWorkdays,
        })),
        since,
        // Offices see few cases; a few busy departments (登记、食品) many; the rest in between.
        weight: (isOffice ? 0.15 : 1) * (0.5 + args.random.next()) * (template === DEPARTMENT_TEMPLATES[0] ? 2 : 1),
        siblings: ids.filter((id) => id !== dept.id),
      });
    }
  }
  return models;
}
