// What happens on a new, empty database: the demo bureau outside production, or in production one
// `admin` with a random one-time password that must be changed at first sign-in.
import { nowIsoOf, type AppContext } from '../platform/context.ts';
import { appendAuditEvent } from '../platform/audit/audit-repository.ts';
import { countPeople, insertPerson } from '../modules/people/index.ts';
import { insertDepartment, insertUnit } from '../modules/org/index.ts';
import { setChainInTransaction } from '../modules/chains/index.ts';
import { hashPassword, randomPassword } from '../modules/auth/index.ts';
import { newId } from '../platform/ids.ts';
import { DEMO_BUREAU, DEMO_CHAIN_DATE, DEMO_PASSWORD } from './demo/demo-bureau.ts';
import { loadDemoCases } from './demo/demo-cases.ts';
import { loadDemoMatters } from './demo/demo-matters.ts';
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
export async function bootstrapEmptyDatabase(ctx: AppContext): Promise<BootstrapResult> {
  return withStartupLock(ctx.database, async () => {
    if ((await countPeople(ctx.database.db)) > 0) return { kind: 'existing' };
    if (ctx.config.demoData) {
      const result = await loadDemoBureau(ctx);
      await loadDemoMatters(ctx);
      await loadDemoCases(ctx);
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

async function loadDemoBureau(ctx: AppContext): Promise<BootstrapResult> {
  // One hash for every demo person: they share the published demo password anyway.
  const hash = await hashPassword(DEMO_PASSWORD);
  return ctx.database.db.transaction().execute(async (trx) => {
    const now = nowIsoOf(ctx);
    const ids = new Map<string, string>();
    const departments: {
      id: string;
      dept: (typeof DEMO_BUREAU)[number]['departments'][number];
      principal: string;
    }[] = [];
    let bureauId: string | null = null;
    let unitOrder = 0;
    let deptOrder = 0;
    for (const unit of DEMO_BUREAU) {
      const unitId = newId();
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
    for (const { id, dept, principal } of departments) {
      await setDemoChain(trx, { departmentId: id, ids, dept, principal, now });
    }
    await appendAuditEvent(
      trx,
      SYSTEM,
      {
        type: 'system.demoLoaded',
        subjectId: null,
        payload: { people: ids.size, departments: departments.length },
      },
      now,
    );
    return { kind: 'demo' as const, people: ids.size, departments: departments.length };
  });
}

async function setDemoChain(
  trx: Trx,
  args: {
    departmentId: string;
    ids: Map<string, string>;
    dept: (typeof DEMO_BUREAU)[number]['departments'][number];
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
