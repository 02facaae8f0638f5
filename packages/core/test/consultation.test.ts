// The pure rules of cross-department matters: who leads a matter with no competent department, and who
// changes co-departments and invites to a consultation.
import { describe, expect, it } from 'vitest';
import {
  leadDepartmentOf,
  mayChangeCoDepartments,
  mayInviteToConsultation,
} from '../src/cases/consultation.ts';
import { newCase, type ChainHolders } from '../src/cases/rules.ts';

const holders: ChainHolders = {
  firstResponders: ['fr1', 'fr2'],
  levels: { 2: [{ personId: 'dh', actingFor: null }], 3: [{ personId: 'lc', actingFor: null }], 4: [] },
};

describe('the lead department', () => {
  it('is the first-inquiry department for a matter with no competent department', () => {
    const base = { firstResponderDepartmentId: 'mine', chosenDepartmentId: undefined };
    expect(leadDepartmentOf({ ...base, noCompetentDepartment: true })).toBe('mine');
    expect(leadDepartmentOf({ ...base, noCompetentDepartment: true, chosenDepartmentId: 'mine' })).toBe(
      'mine',
    );
    expect(
      leadDepartmentOf({ ...base, noCompetentDepartment: true, chosenDepartmentId: 'other' }),
    ).toBeNull();
  });
  it('is the department chosen otherwise', () => {
    const args = { firstResponderDepartmentId: 'mine', noCompetentDepartment: false };
    expect(leadDepartmentOf({ ...args, chosenDepartmentId: 'other' })).toBe('other');
    expect(leadDepartmentOf({ ...args, chosenDepartmentId: undefined })).toBe('mine');
  });
});

describe('who changes co-departments and invites', () => {
  const c = newCase({ firstResponderId: 'fr1', crossDepartment: true });
  it('the case’s first responder or the lead department head, until the case is closed', () => {
    expect(mayChangeCoDepartments(c, 'fr1', holders)).toBe(true);
    expect(mayChangeCoDepartments(c, 'dh', holders)).toBe(true);
    expect(mayChangeCoDepartments(c, 'fr2', holders)).toBe(false);
    expect(mayChangeCoDepartments(c, 'lc', holders)).toBe(false);
    expect(mayChangeCoDepartments({ ...c, state: 'closed' }, 'fr1', holders)).toBe(false);
  });
  it('only the convener, while the consultation waits for its meeting', () => {
    const waiting = { ...c, state: 'inConsultation' as const, convenerId: 'lc' };
    expect(mayInviteToConsultation(waiting, 'lc')).toBe(true);
    expect(mayInviteToConsultation(waiting, 'fr1')).toBe(false);
    expect(mayInviteToConsultation({ ...waiting, state: 'resolving' }, 'lc')).toBe(false);
  });
});
