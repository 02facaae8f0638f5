// Who a person is to the ledger (core `LedgerSubject`), from the access resolver's subject, and their roles
// on one report (core `reportRolesOf`). Every ledger route decides through here.
import {
  AppError,
  readsFullRecord,
  reportRolesOf,
  type LedgerSubject,
  type ReportRole,
  type Subject,
} from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import { ordersOf, referralOf, unitsOfDepartments, type ReportRecord } from './ledger-repository.ts';

export async function ledgerSubjectOf(
  db: Db | Trx,
  s: Subject,
): Promise<LedgerSubject & { personId: string }> {
  const disciplineUnitIds = s.roles.includes('disciplineInspection')
    ? await unitsOfDepartments(db, s.homeDepartmentIds)
    : [];
  return {
    personId: s.personId,
    isSupervisionOffice: s.roles.includes('supervisionOffice'),
    disciplineUnitIds,
    headOfDepartmentIds: [
      ...new Set(s.positions.filter((p) => p.position === 'deptHead').map((p) => p.departmentId)),
    ],
  };
}

export async function rolesOnReport(
  db: Db | Trx,
  ls: LedgerSubject,
  row: ReportRecord,
): Promise<ReportRole[]> {
  const [orders, referral] = await Promise.all([ordersOf(db, row.id), referralOf(db, row.id)]);
  return reportRolesOf(ls, {
    aboutBureau: row.unit_kind === 'bureau',
    unitId: row.unit_id,
    orderDepartmentIds: orders.map((o) => o.department_id),
    referred: referral !== undefined,
  });
}

/** The full record is for the offices and discipline inspection; anyone else gets the one 404. */
export function requireFullRecord(roles: readonly ReportRole[]): void {
  if (!readsFullRecord(roles)) throw new AppError('NOT_FOUND');
}
