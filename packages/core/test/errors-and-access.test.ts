import { describe, expect, it } from 'vitest';
import {
  ERRORS,
  FIELD_MESSAGES,
  describeValidationIssue,
  errorMessage,
  fieldMessage,
  type ErrorCode,
} from '../src/index.ts';

describe('the error vocabulary', () => {
  it('gives every code a 4xx/5xx status and a message in both languages', () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) {
      const spec = ERRORS[code];
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.status).toBeLessThan(600);
      expect(errorMessage(code, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      expect(errorMessage(code, 'en')).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('keeps 500 for the internal error only, and 503 for the database being unavailable', () => {
    const fiveHundreds = Object.entries(ERRORS).filter(([, s]) => s.status === 500);
    expect(fiveHundreds.map(([c]) => c)).toEqual(['INTERNAL']);
    const otherServerErrors = Object.entries(ERRORS).filter(([, s]) => s.status > 500);
    expect(otherServerErrors.map(([c]) => c)).toEqual(['DATABASE_UNAVAILABLE']);
  });

  it('localizes field message keys and passes other text through', () => {
    for (const key of Object.keys(FIELD_MESSAGES)) {
      expect(fieldMessage(key, 'zh')).toMatch(/[\u4e00-\u9fff]/);
      expect(fieldMessage(key, 'en')).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(fieldMessage('already a sentence', 'zh')).toBe('already a sentence');
  });

  it('describes validation issues', () => {
    expect(describeValidationIssue('too_small', { minimum: 2, origin: 'string' }, 'zh')).toBe(
      '至少 2 个字符',
    );
    expect(describeValidationIssue('invalid_type', { input: undefined }, 'en')).toBe('required');
    expect(describeValidationIssue('unrecognized_keys', {}, 'zh')).toBe('不允许的字段');
  });
});
