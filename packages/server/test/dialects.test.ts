import { describe, expect, it } from 'vitest';
import { testDialects } from './dialects.ts';

describe('the dialects the tests run on', () => {
  it('runs on SQLite alone on a developer machine without PostgreSQL', () => {
    expect(testDialects({})).toEqual(['sqlite']);
    expect(testDialects({ CI: 'false' })).toEqual(['sqlite']);
  });

  it('adds PostgreSQL when TEST_DATABASE_URL is set, in CI or not', () => {
    const url = 'postgres://postgres@127.0.0.1:5432/x';
    expect(testDialects({ TEST_DATABASE_URL: url })).toEqual(['sqlite', 'postgres']);
    expect(testDialects({ CI: 'true', TEST_DATABASE_URL: url })).toEqual(['sqlite', 'postgres']);
  });

  it('fails under CI instead of silently skipping PostgreSQL', () => {
    expect(() => testDialects({ CI: 'true' })).toThrow(/TEST_DATABASE_URL/);
    expect(() => testDialects({ CI: '1' })).toThrow(/TEST_DATABASE_URL/);
  });
});
