import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHAIN_POSITIONS,
  ROLES,
  abilitiesOf,
  canManageMatters,
  canReadCase,
  caseScopeOf,
  casePermissionsOf,
  type CaseReach,
  type Subject,
} from '../src/index.ts';

const none = { positions: [] };

describe('abilities', () => {
  it('lets only admins manage the organisation, people, chains and the calendar', () => {
    for (const role of ROLES) {
      const a = abilitiesOf({ roles: [role], ...none });
      expect(a['org.manage']).toBe(role === 'admin');
      expect(a['people.manage']).toBe(role === 'admin');
      expect(a['chains.manage']).toBe(role === 'admin');
      expect(a['calendar.manage']).toBe(role === 'admin');
      expect(a['roster.read']).toBe(true);
    }
  });

  it('lets admins, the supervision office and discipline inspection read the audit log', () => {
    const readers = ROLES.filter((r) => abilitiesOf({ roles: [r], ...none })['audit.read']);
    expect(readers.sort()).toEqual(['admin', 'disciplineInspection', 'supervisionOffice']);
    expect(abilitiesOf({ roles: [], ...none })['audit.read']).toBe(false);
  });

  it('lets people register cases only where they are first responders, and keep matters where they head', () => {
    const fr = {
      roles: [],
      positions: [{ departmentId: 'd1', position: 'firstResponder' as const, actingFor: null }],
    };
    const head = {
      roles: [],
      positions: [{ departmentId: 'd1', position: 'deptHead' as const, actingFor: null }],
    };
    const deputy = {
      roles: [],
      positions: [{ departmentId: 'd1', position: 'deptHead' as const, actingFor: 'p9' }],
    };
    expect(abilitiesOf(fr)['case.register']).toBe(true);
    expect(abilitiesOf(head)['case.register']).toBe(false);
    expect(abilitiesOf(head)['matters.manage']).toBe(true);
    expect(canManageMatters(head, 'd1')).toBe(true);
    expect(canManageMatters(head, 'd2')).toBe(false);
    expect(canManageMatters({ roles: ['admin'], positions: [] }, 'd2')).toBe(true);
    // A deputy acts on the head's cases but does not keep the head's matter list (decision 0010).
    expect(canManageMatters(deputy, 'd1')).toBe(false);
    expect(abilitiesOf(deputy)['matters.manage']).toBe(false);
    // Holders appoint their own deputies; a deputy does not appoint one for the person they act for.
    expect(abilitiesOf(fr)['deputies.appoint']).toBe(true);
    expect(abilitiesOf(head)['deputies.appoint']).toBe(true);
    expect(abilitiesOf(deputy)['deputies.appoint']).toBe(false);
    expect(abilitiesOf({ roles: ['admin'], positions: [] })['deputies.appoint']).toBe(true);
    expect(abilitiesOf({ roles: ['supervisionOffice'], positions: [] })['deputies.appoint']).toBe(false);
    // A role name alone gives no department: the position does.
    expect(canManageMatters({ roles: ['deptHead'], positions: [] }, 'd1')).toBe(false);
  });

  it('gives the oversight counts to the supervision office, discipline inspection and principal leaders', () => {
    const leader = (actingFor: string | null) => ({
      roles: [],
      positions: [{ departmentId: 'd1', position: 'principalLeader' as const, actingFor }],
    });
    expect(abilitiesOf({ roles: ['supervisionOffice'], positions: [] })['overview.read']).toBe(true);
    expect(abilitiesOf({ roles: ['disciplineInspection'], positions: [] })['overview.read']).toBe(true);
    expect(abilitiesOf(leader(null))['overview.read']).toBe(true);
    // Acting for the principal leader decides their cases; the oversight page stays the holder's.
    expect(abilitiesOf(leader('p9'))['overview.read']).toBe(false);
    expect(abilitiesOf({ roles: ['admin'], positions: [] })['overview.read']).toBe(false);
    const head = {
      roles: [],
      positions: [{ departmentId: 'd1', position: 'deptHead' as const, actingFor: null }],
    };
    expect(abilitiesOf(head)['overview.read']).toBe(false);
  });
});

const id = fc.constantFrom('p1', 'p2', 'p3', 'p4');
const dept = fc.constantFrom('d1', 'd2', 'd3', 'd4');
const subject: fc.Arbitrary<Subject> = fc.record({
  personId: id,
  roles: fc.uniqueArray(fc.constantFrom(...ROLES), { maxLength: 3 }),
  homeDepartmentIds: fc.uniqueArray(dept, { maxLength: 1 }),
  positions: fc.array(
    fc.record({
      departmentId: dept,
      position: fc.constantFrom(...CHAIN_POSITIONS),
      actingFor: fc.constantFrom(null, 'p9'),
    }),
    {
      maxLength: 3,
    },
  ),
});
const reach: fc.Arbitrary<CaseReach> = fc.record({
  departmentId: dept,
  coDepartmentIds: fc.uniqueArray(dept, { maxLength: 2 }),
  firstResponderId: id,
  registeredBy: id,
  deciderIds: fc.uniqueArray(id, { maxLength: 3 }),
});

describe('reading a case', () => {
  it('is exactly: a read-all role, or the case names the person, or it is in a department they reach', () => {
    let readable = 0;
    let unreadable = 0;
    fc.assert(
      fc.property(subject, reach, (s, c) => {
        const got = canReadCase(caseScopeOf(s), c);
        const readAll = s.roles.includes('supervisionOffice') || s.roles.includes('disciplineInspection');
        const named = [c.firstResponderId, c.registeredBy, ...c.deciderIds].includes(s.personId);
        const departments = new Set([...s.homeDepartmentIds, ...s.positions.map((p) => p.departmentId)]);
        const inReach = [c.departmentId, ...c.coDepartmentIds].some((d) => departments.has(d));
        expect(got).toBe(readAll || named || inReach);
        if (got) readable++;
        else unreadable++;
      }),
      { numRuns: 2000 },
    );
    // Both outcomes happened often enough for the property to mean something.
    expect(readable).toBeGreaterThan(100);
    expect(unreadable).toBeGreaterThan(100);
  });

  it('gives no permission at all on a case the person cannot read', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.array(dept), (hasOpenAction, workedOn, contributesFor) => {
        const p = casePermissionsOf(false, { hasOpenAction, workedOn, contributesFor });
        expect(Object.values(p).every((v) => !v)).toBe(true);
      }),
    );
  });

  it('lets readers read documents, and only those who work on the case upload or reveal the phone', () => {
    const reader = casePermissionsOf(true, { hasOpenAction: false, workedOn: false, contributesFor: [] });
    expect(reader['case.read'] && reader['case.documents']).toBe(true);
    expect(reader['case.upload'] || reader['case.revealPhone'] || reader['case.contribute']).toBe(false);
    const worker = casePermissionsOf(true, { hasOpenAction: true, workedOn: false, contributesFor: ['d2'] });
    expect(worker['case.upload'] && worker['case.revealPhone'] && worker['case.contribute']).toBe(true);
  });
});
