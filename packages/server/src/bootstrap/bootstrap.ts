// What happens on a new, empty database: the demo bureau outside production, or in production one
// `admin` with a random one-time password that must be changed at first sign-in.
import { nowIsoOf, type AppContext } from '../platform/context.ts';
import { appendAuditEvent } from '../platform/audit/audit-repository.ts';
import { countPeople, findAccountByUsername, insertPerson } from '../modules/people/index.ts';
import { insertDepartment, insertUnit, loadOrgTree } from '../modules/org/index.ts';
import { setChainInTransaction } from '../modules/chains/index.ts';
import { hashPassword, randomPassword } from '../modules/auth/index.ts';
import { newId } from '../platform/ids.ts';
import { DEMO_BUREAU, DEMO_CHAIN_DATE, DEMO_PASSWORD, type DemoUnit } from './demo/demo-bureau.ts';
import { DEMO_COUNTY } from './demo/demo-county.ts';
import { loadDemoYear } from './demo/demo-year.ts';
import { loadDemoCases } from './demo/demo-cases.ts';
import { loadDemoMatters } from './demo/demo-matters.ts';
import { loadDemoLedger } from './demo/demo-ledger.ts';
import type { Trx } from '../platform/db/database.ts';
import { withStartupLock } from '../platform/db/startup-lock.ts';

export type BootstrapResult =
  | { kind: 'existing' }
  | { kind: 'demo'; people: number; departments: number }
  | { kind: 'admin'; username: string; password: string };

const SYSTEM = { personId: null, address: null };

/**
 * Under the startup lock: of several processes started at once on an empty PostgreSQL database, one
 * loads, the others wait and find people there. Without it each saw an empty database and all but one
 * died on a unique constraint half-way through their own copy.
 */
export async function bootstrapEmptyDatabase(
  ctx: AppContext,
  /** `county`: also the rest of the demo county and its year of cases (demo-county.ts, demo-year.ts), as
   * `npm start` loads; tests that know the core demo's cases by heart leave it out. */
  options: { county?: boolean } = {},
): Promise<BootstrapResult> {
  return withStartupLock(ctx.database, async () => {
    if ((await countPeople(ctx.database.db)) > 0) return { kind: 'existing' };
    if (ctx.config.demoData) {
      // One hash for every demo person: they share the published demo password anyway.
      const hash = await hashPassword(DEMO_PASSWORD);
      const result = await loadDemoBureau(ctx, hash);
      await loadDemoMatters(ctx);
      await loadDemoCases(ctx);
      if (options.county === true) {
        await loadDemoCounty(ctx, hash);
        await loadDemoYear(ctx);
        await loadDemoLedger(ctx);
      }
      return result;
    }
    return createFirstAdmin(ctx);
  });
}

async function createFirstAdmin(ctx: AppContext): Promise<BootstrapResult> {
  const password = randomPassword();
  const hash = await hashPassword(password);
  await ctx.database.db.transaction().execute(async (trx) => {
    const now = nowIsoOf(ctx);
    const unitId = newId();
    const departmentId = newId();
    await insertUnit(trx, {
      id: unitId,
      parentId: null,
      kind: 'bureau',
      name: '市场监督管理局',
      sortOrder: 1,
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
    await insertDepartment(trx, {
      id: departmentId,
      unitId,
      name: '办公室',
      sortOrder: 1,
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
    const id = newId();
    await insertPerson(
      trx,
      {
        id,
        username: 'admin',
        displayName: '系统管理员',
        departmentId,
        passwordHash: hash,
        phone: null,
        email: null,
        mustChangePassword: true,
        now,
      },
      ['admin'],
    );
    await appendAuditEvent(
      trx,
      SYSTEM,
      {
        type: 'system.adminCreated',
        subjectId: id,
        payload: { username: 'admin' },
      },
      now,
    );
  });
  return { kind: 'admin', username: 'admin', password };
}

async function loadDemoBureau(ctx: AppContext, hash: string): Promise<BootstrapResult> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const now = nowIsoOf(ctx);
    const { people, departments } = await insertDemoUnits(trx, DEMO_BUREAU, { hash, now });
    await appendAuditEvent(
      trx,
      SYSTEM,
      { type: 'system.demoLoaded', subjectId: null, payload: { people, departments } },
      now,
    );
    return { kind: 'demo' as const, people, departments };
  });
}

/** The rest of the demo county (demo-county.ts): more departments of the bureau, two more 所. */
async function loadDemoCounty(ctx: AppContext, hash: string): Promise<void> {
  // Part of the one demo load (`system.demoLoaded` was appended for it); each chain is audited.
  await ctx.database.db.transaction().execute(async (trx) => {
    await insertDemoUnits(trx, DEMO_COUNTY, { hash, now: nowIsoOf(ctx) });
  });
}

/**
 * Inserts demo units, their departments, people and chains. A unit already there by name (the bureau)
 * gets the departments added; a person named but not listed (a leader of the core demo) is looked up.
 */
async function insertDemoUnits(
  trx: Trx,
  units: readonly DemoUnit[],
  args: { hash: string; now: string },
): Promise<{ people: number; departments: number }> {
  const { hash, now } = args;
  const existing = await loadOrgTree(trx);
  const ids = new Map<string, string>();
  const departments: { id: string; dept: DemoUnit['departments'][number]; principal: string }[] = [];
  let bureauId: string | null = existing.find((u) => u.kind === 'bureau')?.id ?? null;
  let unitOrder = existing.length;
  let deptOrder = existing.reduce((n, u) => n + u.departments.length, 0);
  for (const unit of units) {
    let unitId = existing.find((u) => u.name === unit.name)?.id;
    if (!unitId) {
      unitId = newId();
      await insertUnit(trx, {
        id: unitId,
        parentId: unit.kind === 'bureau' ? null : bureauId,
        kind: unit.kind,
        name: unit.name,
        sortOrder: ++unitOrder,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
    }
    if (unit.kind === 'bureau') bureauId = unitId;
    for (const dept of unit.departments) {
      const departmentId = newId();
      await insertDepartment(trx, {
        id: departmentId,
        unitId,
        name: dept.name,
        sortOrder: ++deptOrder,
        version: 0,
        createdAt: now,
        updatedAt: now,
      });
      departments.push({ id: departmentId, dept, principal: unit.principalLeader });
      for (const person of dept.staff) {
        const id = newId();
        ids.set(person.username, id);
        await insertPerson(
          trx,
          {
            id,
            username: person.username,
            displayName: person.displayName,
            departmentId,
            passwordHash: hash,
            phone: person.phone ?? null,
            email: null,
            mustChangePassword: false,
            now,
          },
          person.roles ?? [],
        );
      }
    }
  }
  const added = ids.size;
  for (const { dept, principal } of departments) {
    for (const username of [dept.deptHead, dept.leaderInCharge, principal, ...dept.firstResponders]) {
      if (ids.has(username)) continue;
      const found = await findAccountByUsername(trx, username);
      if (found) ids.set(username, found.id);
    }
  }
  for (const { id, dept, principal } of departments) {
    await setDemoChain(trx, { departmentId: id, ids, dept, principal, now });
  }
  return { people: added, departments: departments.length };
}

async function setDemoChain(
  trx: Trx,
  args: {
    departmentId: string;
    ids: Map<string, string>;
    dept: DemoUnit['departments'][number];
    principal: string;
    now: string;
  },
): Promise<void> {
  const id = (username: string): string => {
    const found = args.ids.get(username);
    if (!found) throw new Error(`demo data names an unknown person: ${username}`);
    return found;
  };
  await setChainInTransaction(trx, {
    actor: SYSTEM,
    departmentId: args.departmentId,
    effectiveFrom: DEMO_CHAIN_DATE,
    people: {
      firstResponder: args.dept.firstResponders.map(id),
      deptHead: [id(args.dept.deptHead)],
      leaderInCharge: [id(args.dept.leaderInCharge)],
      principalLeader: [id(args.principal)],
    },
    source: 'import',
    now: args.now,
  });
}
