// The ledger's SQL: reports, their attachments, linked cases, supervision orders with answers and
// verifications, referrals, the per-address public throttle, the shared secrets and spent challenges.
import { sql } from 'kysely';
import type { ListCursor, ReportAttachment, PersonRef } from '@bancheng/core';
import type { Db, Trx } from '../../platform/db/database.ts';
import type {
  ReportAttachmentTable,
  ReportReferralTable,
  ReportTable,
  SupervisionOrderTable,
} from '../../platform/db/schema.ts';

type Executor = Db | Trx;

export type ReportRecord = ReportTable & {
  unit_name: string;
  unit_kind: string;
  department_name: string | null;
};

function selectReports(db: Executor) {
  return db
    .selectFrom('reports')
    .innerJoin('org_units', 'org_units.id', 'reports.unit_id')
    .leftJoin('departments', 'departments.id', 'reports.department_id')
    .selectAll('reports')
    .select([
      'org_units.name as unit_name',
      'org_units.kind as unit_kind',
      'departments.name as department_name',
    ]);
}

export async function findReport(db: Executor, id: string): Promise<ReportRecord | undefined> {
  return selectReports(db).where('reports.id', '=', id).executeTakeFirst();
}

export async function findReportByHash(db: Executor, codeHash: string): Promise<ReportRecord | undefined> {
  return selectReports(db).where('reports.code_hash', '=', codeHash).executeTakeFirst();
}

export interface ReportListFilter {
  /** All reports (the city office), or those of these units (discipline inspection). */
  all: boolean;
  unitIds: readonly string[];
  /** Units whose reports are read only once referred (the city bureau's discipline inspection). */
  referredUnitIds?: readonly string[];
  state?: string | undefined;
  source?: string | undefined;
  unitId?: string | undefined;
  departmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  overdueBefore?: string | undefined;
  q?: string | undefined;
  cursor?: { receivedAt: string; id: string } | undefined;
  limit: number;
}

export async function listReports(db: Executor, f: ReportListFilter): Promise<ReportRecord[]> {
  let q = selectReports(db);
  if (!f.all) {
    const handled = [...f.unitIds];
    const referred = [...(f.referredUnitIds ?? [])];
    if (handled.length === 0 && referred.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        ...(handled.length > 0 ? [eb('reports.unit_id', 'in', handled)] : []),
        ...(referred.length > 0
          ? [
              eb.and([
                eb('reports.unit_id', 'in', referred),
                eb.exists(
                  eb
                    .selectFrom('report_referrals')
                    .select('report_referrals.id')
                    .whereRef('report_referrals.report_id', '=', 'reports.id'),
                ),
              ]),
            ]
          : []),
      ]),
    );
  }
  if (f.state) q = q.where('reports.state', '=', f.state as ReportTable['state']);
  if (f.source) q = q.where('reports.source', '=', f.source as ReportTable['source']);
  if (f.unitId) q = q.where('reports.unit_id', '=', f.unitId);
  if (f.departmentId) {
    const dep = f.departmentId;
    q = q.where((eb) =>
      eb.or([
        eb('reports.department_id', '=', dep),
        eb.exists(
          eb
            .selectFrom('supervision_orders')
            .select('supervision_orders.id')
            .whereRef('supervision_orders.report_id', '=', 'reports.id')
            .where('supervision_orders.department_id', '=', dep),
        ),
      ]),
    );
  }
  if (f.from) q = q.where('reports.received_at', '>=', f.from);
  if (f.to) q = q.where('reports.received_at', '<', f.to);
  if (f.overdueBefore) {
    const before = f.overdueBefore;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('supervision_orders')
          .select('supervision_orders.id')
          .whereRef('supervision_orders.report_id', '=', 'reports.id')
          .where('supervision_orders.state', '=', 'open')
          .where('supervision_orders.due_date', '<', before),
      ),
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('reports.number', '=', f.q ?? ''), sql<boolean>`reports.what like ${like} escape '\\'`]),
    );
  }
  if (f.cursor) {
    const c = f.cursor;
    q = q.where((eb) =>
      eb.or([
        eb('reports.received_at', '<', c.receivedAt),
        eb.and([eb('reports.received_at', '=', c.receivedAt), eb('reports.id', '<', c.id)]),
      ]),
    );
  }
  return q.orderBy('reports.received_at', 'desc').orderBy('reports.id', 'desc').limit(f.limit).execute();
}

export function cursorOf(r: { received_at: string; id: string }): ListCursor {
  return { kind: 'received', receivedAt: r.received_at, id: r.id };
}

export async function nextReportSeq(trx: Trx, year: number): Promise<number> {
  const row = await trx
    .insertInto('report_number_sequences')
    .values({ year, next_value: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ next_value: sql<number>`report_number_sequences.next_value + 1` }),
    )
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return Number(row.next_value);
}

export async function insertReport(trx: Trx, row: ReportTable): Promise<void> {
  await trx.insertInto('reports').values(row).execute();
}

/** Writes the report's changed columns if it is still at `version`; false when someone changed it first. */
export async function updateReport(
  trx: Trx,
  args: { id: string; version: number; set: Partial<ReportTable>; now: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('reports')
    .set({ ...args.set, version: args.version + 1, updated_at: args.now })
    .where('id', '=', args.id)
    .where('version', '=', args.version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertReportAttachment(trx: Trx, row: ReportAttachmentTable): Promise<void> {
  await trx.insertInto('report_attachments').values(row).execute();
}

export async function attachmentsOf(
  db: Executor,
  reportId: string,
): Promise<(ReportAttachment & { orderId: string | null })[]> {
  const rows = await db
    .selectFrom('report_attachments')
    .leftJoin('people', 'people.id', 'report_attachments.uploaded_by')
    .selectAll('report_attachments')
    .select(['people.username', 'people.display_name'])
    .where('report_attachments.report_id', '=', reportId)
    .orderBy('report_attachments.uploaded_at')
    .orderBy('report_attachments.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    uploadedBy:
      r.uploaded_by && r.username
        ? { id: r.uploaded_by, username: r.username, displayName: r.display_name ?? '' }
        : null,
    uploadedAt: r.uploaded_at,
  }));
}

export async function countAttachments(db: Executor, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('report_attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('report_id', '=', reportId)
    .where('order_id', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findReportAttachment(
  db: Executor,
  args: { reportId: string; attachmentId: string },
): Promise<ReportAttachmentTable | undefined> {
  return db
    .selectFrom('report_attachments')
    .selectAll()
    .where('report_id', '=', args.reportId)
    .where('id', '=', args.attachmentId)
    .executeTakeFirst();
}

export interface LinkedCaseRow {
  caseId: string;
  number: string;
  state: string;
  matterTitle: string;
  departmentName: string;
  linkedAt: string;
}

export async function linkedCasesOf(db: Executor, reportId: string): Promise<LinkedCaseRow[]> {
  const rows = await db
    .selectFrom('report_cases')
    .innerJoin('cases', 'cases.id', 'report_cases.case_id')
    .innerJoin('departments', 'departments.id', 'cases.department_id')
    .select([
      'cases.id',
      'cases.number',
      'cases.state',
      'cases.matter_title',
      'departments.name as department_name',
      'report_cases.linked_at',
    ])
    .where('report_cases.report_id', '=', reportId)
    .orderBy('report_cases.linked_at')
    .execute();
  return rows.map((r) => ({
    caseId: r.id,
    number: r.number,
    state: r.state,
    matterTitle: r.matter_title,
    departmentName: r.department_name,
    linkedAt: r.linked_at,
  }));
}

export async function insertLink(
  trx: Trx,
  row: { report_id: string; case_id: string; linked_by: string | null; linked_at: string },
): Promise<void> {
  await trx
    .insertInto('report_cases')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function deleteLink(trx: Trx, args: { reportId: string; caseId: string }): Promise<void> {
  await trx
    .deleteFrom('report_cases')
    .where('report_id', '=', args.reportId)
    .where('case_id', '=', args.caseId)
    .execute();
}

export type OrderRecord = SupervisionOrderTable & { department_name: string; unit_name: string };

function selectOrders(db: Executor) {
  return db
    .selectFrom('supervision_orders')
    .innerJoin('departments', 'departments.id', 'supervision_orders.department_id')
    .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
    .selectAll('supervision_orders')
    .select(['departments.name as department_name', 'org_units.name as unit_name']);
}

export async function ordersOf(db: Executor, reportId: string): Promise<OrderRecord[]> {
  return selectOrders(db)
    .where('supervision_orders.report_id', '=', reportId)
    .orderBy('supervision_orders.issued_at')
    .orderBy('supervision_orders.id')
    .execute();
}

export async function findOrder(db: Executor, id: string): Promise<OrderRecord | undefined> {
  return selectOrders(db).where('supervision_orders.id', '=', id).executeTakeFirst();
}

export async function ordersOfDepartments(
  db: Executor,
  departmentIds: readonly string[],
): Promise<(OrderRecord & { report_number: string })[]> {
  if (departmentIds.length === 0) return [];
  return selectOrders(db)
    .innerJoin('reports', 'reports.id', 'supervision_orders.report_id')
    .select('reports.number as report_number')
    .where('supervision_orders.department_id', 'in', [...departmentIds])
    .orderBy('supervision_orders.issued_at', 'desc')
    .limit(500)
    .execute();
}

/** Open orders (not accepted), for the reminder run. */
export async function pendingOrders(
  db: Executor,
): Promise<(OrderRecord & { report_number: string; report_unit_id: string; report_unit_kind: string })[]> {
  return selectOrders(db)
    .innerJoin('reports', 'reports.id', 'supervision_orders.report_id')
    .innerJoin('org_units as report_units', 'report_units.id', 'reports.unit_id')
    .select([
      'reports.number as report_number',
      'reports.unit_id as report_unit_id',
      'report_units.kind as report_unit_kind',
    ])
    .where('supervision_orders.state', '=', 'open')
    .execute();
}

export async function insertOrder(trx: Trx, row: SupervisionOrderTable): Promise<void> {
  await trx.insertInto('supervision_orders').values(row).execute();
}

export async function setOrderState(
  trx: Trx,
  args: {
    id: string;
    from: SupervisionOrderTable['state'];
    to: SupervisionOrderTable['state'];
    closedAt: string | null;
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('supervision_orders')
    .set({ state: args.to, closed_at: args.closedAt })
    .where('id', '=', args.id)
    .where('state', '=', args.from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertOrderAnswer(
  trx: Trx,
  row: { id: string; order_id: string; text: string; answered_by: string; answered_at: string },
): Promise<void> {
  await trx.insertInto('supervision_order_answers').values(row).execute();
}

export async function insertOrderVerification(
  trx: Trx,
  row: {
    id: string;
    order_id: string;
    accepted: number;
    reason: string | null;
    verified_by: string;
    verified_at: string;
  },
): Promise<void> {
  await trx.insertInto('supervision_order_verifications').values(row).execute();
}

export async function answersOf(db: Executor, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('supervision_order_answers')
    .innerJoin('people', 'people.id', 'supervision_order_answers.answered_by')
    .selectAll('supervision_order_answers')
    .select(['people.username', 'people.display_name'])
    .where('order_id', 'in', [...orderIds])
    .orderBy('answered_at')
    .execute();
}

export async function verificationsOf(db: Executor, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('supervision_order_verifications')
    .innerJoin('people', 'people.id', 'supervision_order_verifications.verified_by')
    .selectAll('supervision_order_verifications')
    .select(['people.username', 'people.display_name'])
    .where('order_id', 'in', [...orderIds])
    .orderBy('verified_at')
    .execute();
}

export async function referralOf(db: Executor, reportId: string): Promise<ReportReferralTable | undefined> {
  return db.selectFrom('report_referrals').selectAll().where('report_id', '=', reportId).executeTakeFirst();
}

export async function findReferral(db: Executor, id: string): Promise<ReportReferralTable | undefined> {
  return db.selectFrom('report_referrals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReferral(trx: Trx, row: ReportReferralTable): Promise<void> {
  await trx.insertInto('report_referrals').values(row).execute();
}

export async function recordFinding(
  trx: Trx,
  args: {
    id: string;
    substantiated: boolean;
    notes: string;
    accountability: string | null;
    by: string;
    at: string;
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('report_referrals')
    .set({
      state: 'found',
      substantiated: args.substantiated ? 1 : 0,
      finding_notes: args.notes,
      accountability: args.accountability,
      found_by: args.by,
      found_at: args.at,
    })
    .where('id', '=', args.id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function referralsOfUnits(db: Executor, unitIds: readonly string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('report_referrals')
    .innerJoin('reports', 'reports.id', 'report_referrals.report_id')
    .innerJoin('org_units', 'org_units.id', 'reports.unit_id')
    .selectAll('report_referrals')
    .select(['reports.number as report_number', 'org_units.name as unit_name'])
    .where('reports.unit_id', 'in', [...unitIds])
    .orderBy('report_referrals.referred_at', 'desc')
    .limit(500)
    .execute();
}

export async function peopleRefs(db: Executor, ids: readonly string[]): Promise<Map<string, PersonRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'username', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
}

/** Units and their kind, and the unit of each department. */
export async function unitOf(db: Executor, unitId: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name', 'kind'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

export async function departmentOf(db: Executor, departmentId: string) {
  return db
    .selectFrom('departments')
    .innerJoin('org_units', 'org_units.id', 'departments.unit_id')
    .select(['departments.id', 'departments.name', 'departments.unit_id', 'org_units.kind as unit_kind'])
    .where('departments.id', '=', departmentId)
    .executeTakeFirst();
}

export async function unitsOfDepartments(db: Executor, departmentIds: readonly string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('departments')
    .select('unit_id')
    .where('id', 'in', [...departmentIds])
    .execute();
  return [...new Set(rows.map((r) => r.unit_id))];
}

/** The bureau (the root unit of kind `bureau`). */
export async function bureauUnitId(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('org_units')
    .select('id')
    .where('kind', '=', 'bureau')
    .orderBy('sort_order')
    .executeTakeFirst();
  return row?.id;
}

/** Active people with a role whose own department is in one of these units. */
export async function peopleWithRoleInUnits(
  db: Executor,
  role: 'supervisionOffice' | 'disciplineInspection',
  unitIds: readonly string[],
): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('person_roles')
    .innerJoin('people', 'people.id', 'person_roles.person_id')
    .innerJoin('departments', 'departments.id', 'people.department_id')
    .select('people.id')
    .where('person_roles.role', '=', role)
    .where('people.status', '=', 'active')
    .where('departments.unit_id', 'in', [...unitIds])
    .orderBy('people.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Heads of a department on `date` (their own assignment). */
export async function deptHeadsOn(db: Executor, departmentId: string, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom('chain_assignments')
    .innerJoin('people', 'people.id', 'chain_assignments.person_id')
    .select('people.id')
    .where('chain_assignments.department_id', '=', departmentId)
    .where('chain_assignments.position', '=', 'deptHead')
    .where('chain_assignments.effective_from', '<=', date)
    .where((eb) =>
      eb.or([
        eb('chain_assignments.effective_to', 'is', null),
        eb('chain_assignments.effective_to', '>', date),
      ]),
    )
    .where('people.status', '=', 'active')
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

// ---- The public API's shared state ----

/** Counts one request from `address` in `scope`; undefined when the address is over `max` in the window. */
export async function takePublicSlot(
  trx: Trx,
  args: { scope: string; address: string; max: number; now: string; windowStartedBefore: string },
): Promise<number | undefined> {
  const row = await trx
    .insertInto('public_throttle')
    .values({ scope: args.scope, address: args.address, count: 1, window_start: args.now })
    .onConflict((oc) =>
      oc.columns(['scope', 'address']).doUpdateSet({
        count: sql<number>`case when public_throttle.window_start <= ${args.windowStartedBefore} then 1 else public_throttle.count + 1 end`,
        window_start: sql<string>`case when public_throttle.window_start <= ${args.windowStartedBefore} then ${args.now} else public_throttle.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return Number(row.count) > args.max ? undefined : Number(row.count);
}

export async function publicThrottleOf(db: Executor, scope: string, address: string) {
  return db
    .selectFrom('public_throttle')
    .select(['count', 'window_start'])
    .where('scope', '=', scope)
    .where('address', '=', address)
    .executeTakeFirst();
}

export async function findSecret(db: Executor, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('public_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.value;
}

/** Keeps the first value written under `name` (another process may have written it first). */
export async function insertSecretOnce(
  db: Executor,
  row: { name: string; value: string; created_at: string },
) {
  await db
    .insertInto('public_secrets')
    .values(row)
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/** Spends a solved challenge; false when it was spent already. */
export async function spendChallenge(
  trx: Trx,
  args: { signature: string; expiresAt: string; now: string },
): Promise<boolean> {
  await trx.deleteFrom('public_challenges_used').where('expires_at', '<', args.now).execute();
  const r = await trx
    .insertInto('public_challenges_used')
    .values({ signature: args.signature, expires_at: args.expiresAt })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  return r !== undefined;
}

export async function reportOfFlag(db: Executor, flagId: string): Promise<string | undefined> {
  const row = await db.selectFrom('reports').select('id').where('flag_id', '=', flagId).executeTakeFirst();
  return row?.id;
}
