import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  REPORT_ACTIONS,
  REPORT_CODE_BITS,
  REPORT_ROLES,
  REPORT_STATES,
  applyReportAction,
  availableReportActions,
  formatReportCode,
  maskReporterName,
  newWorkflowReport,
  normalizeReportCode,
  publicReportStageOf,
  reportCodeFromBytes,
  reportRolesOf,
  type ReportAction,
  type ReportActionInput,
  type ReportRole,
  type ReportState,
  type WorkflowReport,
} from '../src/index.ts';

// Written out by hand, not derived from the rules' tables: which actions each state admits, and which role
// takes each action. The test below checks every (state, action, role) against these.
const ALLOWED: Record<ReportState, readonly ReportAction[]> = {
  received: ['triage', 'linkCase', 'unlinkCase', 'addMaterial', 'revealReporter'],
  inLedger: [
    'linkCase',
    'unlinkCase',
    'addMaterial',
    'supervise',
    'referToDiscipline',
    'reply',
    'revealReporter',
  ],
  supervising: [
    'linkCase',
    'unlinkCase',
    'addMaterial',
    'supervise',
    'answerOrder',
    'verifyOrder',
    'revealReporter',
  ],
  referred: ['linkCase', 'unlinkCase', 'addMaterial', 'recordFinding', 'revealReporter'],
  closed: ['revealReporter'],
};
const ACTOR: Record<ReportAction, readonly ReportRole[]> = {
  triage: ['handlingOffice'],
  linkCase: ['handlingOffice'],
  unlinkCase: ['handlingOffice'],
  addMaterial: ['handlingOffice'],
  supervise: ['handlingOffice'],
  answerOrder: ['orderedDeptHead'],
  verifyOrder: ['handlingOffice'],
  referToDiscipline: ['handlingOffice'],
  recordFinding: ['disciplineInspection'],
  reply: ['handlingOffice'],
  revealReporter: ['handlingOffice', 'disciplineInspection'],
};

function reportIn(state: ReportState): WorkflowReport {
  const base = { ...newWorkflowReport(), state, linkedCaseIds: ['c1'] };
  switch (state) {
    case 'received':
      return base;
    case 'inLedger':
      return { ...base, triage: 'inScope' };
    case 'supervising':
      return {
        ...base,
        triage: 'inScope',
        orders: [
          { id: 'o1', departmentId: 'd1', state: 'open' },
          { id: 'o2', departmentId: 'd2', state: 'answered' },
        ],
      };
    case 'referred':
      return { ...base, triage: 'inScope', referral: { state: 'open' } };
    case 'closed':
      return { ...base, triage: 'inScope', outcome: 'replied', replied: true };
  }
}

const INPUTS: Record<ReportAction, ReportActionInput> = {
  triage: { type: 'triage', decision: 'inScope' },
  linkCase: { type: 'linkCase', caseId: 'c2' },
  unlinkCase: { type: 'unlinkCase', caseId: 'c1' },
  addMaterial: { type: 'addMaterial' },
  supervise: { type: 'supervise', orderId: 'o3', departmentId: 'd3' },
  answerOrder: { type: 'answerOrder', orderId: 'o1' },
  verifyOrder: { type: 'verifyOrder', orderId: 'o2', accept: true },
  referToDiscipline: { type: 'referToDiscipline' },
  recordFinding: { type: 'recordFinding' },
  reply: { type: 'reply' },
  revealReporter: { type: 'revealReporter' },
};

describe('every (state, action, role)', () => {
  for (const state of REPORT_STATES) {
    for (const action of REPORT_ACTIONS) {
      for (const role of REPORT_ROLES) {
        const allowed = ALLOWED[state].includes(action) && ACTOR[action].includes(role);
        it(`${state} · ${action} · ${role}: ${allowed ? 'allowed' : 'refused'}`, () => {
          const actor = { roles: [role], headOfDepartmentIds: ['d1'] };
          const result = applyReportAction(reportIn(state), INPUTS[action], actor);
          if (allowed) {
            expect(result.ok).toBe(true);
            expect(availableReportActions(reportIn(state), actor)).toContain(action);
          } else {
            expect(result).toEqual({
              ok: false,
              error: ALLOWED[state].includes(action) ? 'NOT_YOURS_TO_ACT' : 'ACTION_NOT_ALLOWED',
            });
            expect(availableReportActions(reportIn(state), actor)).not.toContain(action);
          }
        });
      }
    }
  }
});

describe('the transitions', () => {
  const office = { roles: ['handlingOffice'] as ReportRole[], headOfDepartmentIds: [] };
  const head = { roles: ['orderedDeptHead'] as ReportRole[], headOfDepartmentIds: ['d1'] };

  it('out of scope closes explained, with the answer given; it needs the answer', () => {
    const r = applyReportAction(
      newWorkflowReport(),
      { type: 'triage', decision: 'outOfScope', publicAnswer: '已解释' },
      office,
    );
    expect(r).toMatchObject({ ok: true, next: { state: 'closed', outcome: 'explained', replied: true } });
    const empty = applyReportAction(
      newWorkflowReport(),
      { type: 'triage', decision: 'outOfScope', publicAnswer: ' ' },
      office,
    );
    expect(empty).toEqual({ ok: false, error: 'ANSWER_REQUIRED' });
  });

  it('an order is answered by the head of its department only, and verified by the office', () => {
    const r = { ...reportIn('inLedger') };
    const s = applyReportAction(r, { type: 'supervise', orderId: 'o1', departmentId: 'd1' }, office);
    if (!s.ok) throw new Error(s.error);
    expect(s.next.state).toBe('supervising');
    const other = { roles: ['orderedDeptHead'] as ReportRole[], headOfDepartmentIds: ['d9'] };
    expect(applyReportAction(s.next, { type: 'answerOrder', orderId: 'o1' }, other)).toEqual({
      ok: false,
      error: 'NOT_YOURS_TO_ACT',
    });
    expect(applyReportAction(s.next, { type: 'verifyOrder', orderId: 'o1', accept: true }, office)).toEqual({
      ok: false,
      error: 'ORDER_NOT_OPEN',
    });
    const a = applyReportAction(s.next, { type: 'answerOrder', orderId: 'o1' }, head);
    if (!a.ok) throw new Error(a.error);
    const back = applyReportAction(a.next, { type: 'verifyOrder', orderId: 'o1', accept: false }, office);
    expect(back).toMatchObject({ ok: true, next: { state: 'supervising', orders: [{ state: 'open' }] } });
    const a2 = applyReportAction(back.ok ? back.next : r, { type: 'answerOrder', orderId: 'o1' }, head);
    if (!a2.ok) throw new Error(a2.error);
    const ok = applyReportAction(a2.next, { type: 'verifyOrder', orderId: 'o1', accept: true }, office);
    expect(ok).toMatchObject({ ok: true, next: { state: 'inLedger', orders: [{ state: 'accepted' }] } });
    expect(
      applyReportAction(s.next, { type: 'supervise', orderId: 'o9', departmentId: 'd1' }, office),
    ).toEqual({ ok: false, error: 'ORDER_ALREADY_OPEN' });
  });

  it('links once, unlinks what is linked', () => {
    expect(applyReportAction(reportIn('inLedger'), { type: 'linkCase', caseId: 'c1' }, office)).toEqual({
      ok: false,
      error: 'ALREADY_LINKED',
    });
    expect(applyReportAction(reportIn('inLedger'), { type: 'unlinkCase', caseId: 'c7' }, office)).toEqual({
      ok: false,
      error: 'NOT_LINKED',
    });
  });
});

describe('who receives', () => {
  const none = { isSupervisionOffice: false, disciplineUnitIds: [], headOfDepartmentIds: [] };
  const bureau = { aboutBureau: true, unitId: 'city', orderDepartmentIds: ['d1'], referred: true };
  const unit = { aboutBureau: false, unitId: 'u1', orderDepartmentIds: ['d1'], referred: true };
  it('the city office handles the bureau’s reports and oversees the units’', () => {
    expect(reportRolesOf({ ...none, isSupervisionOffice: true }, bureau)).toEqual(['handlingOffice']);
    expect(reportRolesOf({ ...none, isSupervisionOffice: true }, unit)).toEqual(['overseeingOffice']);
  });
  it('a unit’s discipline inspection handles its unit’s reports and their referrals', () => {
    expect(reportRolesOf({ ...none, disciplineUnitIds: ['u1'] }, unit)).toEqual([
      'handlingOffice',
      'disciplineInspection',
    ]);
    expect(reportRolesOf({ ...none, disciplineUnitIds: ['u2'] }, unit)).toEqual(['none']);
    expect(reportRolesOf({ ...none, disciplineUnitIds: ['city'] }, bureau)).toEqual(['disciplineInspection']);
    expect(reportRolesOf({ ...none, disciplineUnitIds: ['city'] }, { ...bureau, referred: false })).toEqual([
      'none',
    ]);
  });
  it('the department head of an ordered department, nobody else', () => {
    expect(reportRolesOf({ ...none, headOfDepartmentIds: ['d1'] }, bureau)).toEqual(['orderedDeptHead']);
    expect(reportRolesOf({ ...none, headOfDepartmentIds: ['d2'] }, bureau)).toEqual(['none']);
  });
});

describe('public stage, masking, code', () => {
  it('stages', () => {
    expect(publicReportStageOf('received', null)).toBe('received');
    expect(publicReportStageOf('supervising', null)).toBe('inProgress');
    expect(publicReportStageOf('closed', 'replied')).toBe('answered');
    expect(publicReportStageOf('closed', 'explained')).toBe('closed');
  });
  it('masks names', () => {
    expect(maskReporterName(null)).toBe('匿名');
    expect(maskReporterName('张三')).toBe('张*');
    expect(maskReporterName('欧阳娜娜')).toBe('欧***');
  });
  it('codes: ≥ 60 bits, formatted and read back', () => {
    expect(REPORT_CODE_BITS).toBeGreaterThanOrEqual(60);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const code = reportCodeFromBytes(bytes);
        expect(normalizeReportCode(formatReportCode(code).toLowerCase())).toBe(code);
      }),
    );
    expect(normalizeReportCode('ABCD')).toBeNull();
    expect(normalizeReportCode('X' + '0'.repeat(16))).toBeNull();
  });
});

describe('properties', () => {
  const roleArb = fc.constantFrom(...REPORT_ROLES);
  const inputArb: fc.Arbitrary<ReportActionInput> = fc.oneof(
    fc.constant<ReportActionInput>({ type: 'triage', decision: 'inScope' }),
    fc.constant<ReportActionInput>({ type: 'triage', decision: 'outOfScope', publicAnswer: '解释' }),
    fc.constantFrom('c1', 'c2').map<ReportActionInput>((caseId) => ({ type: 'linkCase', caseId })),
    fc.constantFrom('c1', 'c2').map<ReportActionInput>((caseId) => ({ type: 'unlinkCase', caseId })),
    fc
      .tuple(fc.constantFrom('o1', 'o2', 'o3'), fc.constantFrom('d1', 'd2'))
      .map<ReportActionInput>(([orderId, departmentId]) => ({ type: 'supervise', orderId, departmentId })),
    fc.constantFrom('o1', 'o2', 'o3').map<ReportActionInput>((orderId) => ({ type: 'answerOrder', orderId })),
    fc
      .tuple(fc.constantFrom('o1', 'o2', 'o3'), fc.boolean())
      .map<ReportActionInput>(([orderId, accept]) => ({ type: 'verifyOrder', orderId, accept })),
    fc.constant<ReportActionInput>({ type: 'referToDiscipline' }),
    fc.constant<ReportActionInput>({ type: 'recordFinding' }),
    fc.constant<ReportActionInput>({ type: 'reply' }),
  );
  const stepsArb = fc.array(fc.tuple(inputArb, roleArb), { maxLength: 40 });

  it('no report closes in scope without a reply to the reporter; none closes with an open order or referral', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        let r = newWorkflowReport();
        for (const [input, role] of steps) {
          const res = applyReportAction(r, input, { roles: [role], headOfDepartmentIds: ['d1', 'd2'] });
          if (!res.ok) continue;
          r = res.next;
          if (r.state === 'closed') {
            expect(r.replied).toBe(true);
            if (r.triage === 'inScope') {
              expect(r.outcome).toBe('replied');
              expect(r.orders.every((o) => o.state === 'accepted')).toBe(true);
              expect(r.referral?.state ?? 'found').toBe('found');
            } else expect(r.outcome).toBe('explained');
          }
        }
      }),
    );
  });

  it('no order closes without the office’s verification of an answer', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        let r = newWorkflowReport();
        for (const [input, role] of steps) {
          const res = applyReportAction(r, input, { roles: [role], headOfDepartmentIds: ['d1', 'd2'] });
          if (!res.ok) continue;
          for (const order of res.next.orders) {
            const before = r.orders.find((o) => o.id === order.id);
            if (order.state === 'accepted' && before?.state !== 'accepted') {
              expect(input.type).toBe('verifyOrder');
              expect(role).toBe('handlingOffice');
              expect(before?.state).toBe('answered');
            }
          }
          r = res.next;
        }
      }),
    );
  });
});
