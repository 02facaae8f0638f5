// Every import problem code is worded in both languages: the English words hold no Chinese but the
// parameters' (a cell's value, a name), the Chinese are Chinese, and the parameters show.
import { describe, expect, it } from 'vitest';
import {
  IMPORT_PROBLEM_CODES,
  describeImportProblem,
  describeImportProblems,
  type ImportProblem,
} from '../src/index.ts';

const HAN = /\p{Script=Han}/u;
const PARAMS: ImportProblem['params'] = {
  value: 'VALUE-1',
  max: 100,
  date: '2033-01-08',
  year: 2033,
  header: 'HEADER-1',
  column: 2,
  expected: 'EXPECTED-1',
  found: 'FOUND-1',
  row: 7,
  position: 'leaderInCharge',
  name: 'NAME-1',
  username: 'user-1',
  actual: 'ACTUAL-1',
  field: 'required',
};
/** Which parameters each code's words name. */
const NAMED: Partial<Record<ImportProblem['code'], string[]>> = {
  dateInvalid: ['value'],
  kindInvalid: ['value'],
  nameTooLong: ['max'],
  dateNotInYear: ['date', 'year'],
  dateListedTwice: ['date'],
  dateInBothLists: ['date'],
  columnHeader: ['column', 'expected', 'found'],
  departmentNotFound: ['value'],
  departmentAmbiguous: ['value'],
  sameDepartment: ['row'],
  personNotFound: ['name'],
  personAmbiguous: ['name'],
  usernameNotFound: ['username'],
  usernameMismatch: ['username', 'actual', 'name'],
};

describe('import problems', () => {
  it.each(IMPORT_PROBLEM_CODES)('words %s in both languages with its parameters', (code) => {
    const problem: ImportProblem = { code, params: PARAMS };
    const en = describeImportProblem('en', problem);
    const zh = describeImportProblem('zh', problem);
    expect(en.length).toBeGreaterThan(5);
    expect(en, en).not.toMatch(HAN);
    expect(zh, zh).toMatch(HAN);
    for (const name of NAMED[code] ?? []) {
      expect(en).toContain(String(PARAMS[name]));
      expect(zh).toContain(String(PARAMS[name]));
    }
  });

  it('names the chain position in each language and joins a row’s problems', () => {
    const missing: ImportProblem = { code: 'positionMissing', params: { position: 'principalLeader' } };
    expect(describeImportProblem('en', missing)).toBe('The principal leader is missing');
    expect(describeImportProblem('zh', missing)).toBe('未填写主要领导');
    const row: ImportProblem[] = [missing, { code: 'nameMissing', params: {} }];
    expect(describeImportProblems('en', row)).toBe('The principal leader is missing; The name is missing');
    expect(describeImportProblems('zh', row)).toBe('未填写主要领导；未填写名称');
  });
});
