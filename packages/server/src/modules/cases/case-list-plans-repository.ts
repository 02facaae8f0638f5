// The people and facts the query-plan variants use (case-list-plans.ts), read from whatever data is loaded.
import type { Db } from '../../platform/db/database.ts';

export interface PlanPeople {
  firstResponder?: string | undefined;
  deptHead?: string | undefined;
  principalLeader?: string | undefined;
  supervisionOffice?: string | undefined;
}

export async function planPeople(db: Db): Promise<PlanPeople> {
  const busiest = await db
    .selectFrom('cases')
    .select(['first_responder_id', 'department_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['first_responder_id', 'department_id'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  const holder = async (position: 'deptHead' | 'principalLeader') =>
    busiest === undefined
      ? undefined
      : (
          await db
            .selectFrom('chain_assignments')
            .select('person_id')
            .where('department_id', '=', busiest.department_id)
            .where('position', '=', position)
            .where('effective_to', 'is', null)
            .executeTakeFirst()
        )?.person_id;
  const supervision = await db
    .selectFrom('person_roles')
    .select('person_id')
    .where('role', '=', 'supervisionOffice')
    .orderBy('person_id')
    .executeTakeFirst();
  return {
    firstResponder: busiest?.first_responder_id,
    deptHead: await holder('deptHead'),
    principalLeader: await holder('principalLeader'),
    supervisionOffice: supervision?.person_id,
  };
}

export interface PlanFacts {
  caseId: string;
  number: string;
  phone: string;
  applicantName: string;
  searchId: number;
  from: string;
  to: string;
}

/** A case of the busiest first responder, the middle of the data, for cursors and look-ups. */
export async function sampleCaseFacts(db: Db, people: PlanPeople): Promise<PlanFacts> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('case_search', 'case_search.case_id', 'cases.id')
    .select([
      'cases.id',
      'cases.number',
      'cases.applicant_phone',
      'cases.applicant_name',
      'cases.received_at',
      'case_search.search_id',
    ])
    .where('cases.first_responder_id', '=', people.firstResponder ?? '')
    .orderBy('cases.received_at', 'desc')
    .executeTakeFirst();
  const to = row?.received_at ?? '2026-12-01T00:00:00.000Z';
  return {
    caseId: row?.id ?? 'none',
    number: row?.number ?? 'none',
    phone: row?.applicant_phone ?? '13800000000',
    applicantName: row?.applicant_name ?? '某某',
    searchId: Number(row?.search_id ?? 1),
    from: `${String(Number(to.slice(0, 4)) - 1)}${to.slice(4, 10)}`,
    to: to.slice(0, 10),
  };
}
