import { describe, expect, it } from 'vitest';
import { compact, countOf, merge, newHistogram, quantile, record } from '../histogram.ts';

describe('the latency histogram', () => {
  it('answers percentiles within 1% of the recorded values, from microseconds to minutes', () => {
    for (const ms of [0.05, 0.9, 3.3, 17, 250, 4_321, 95_000]) {
      const h = newHistogram();
      record(h, ms);
      expect(Math.abs(quantile(h, 0.5) - ms) / ms).toBeLessThan(0.01);
    }
  });

  it('ranks values: p50 and p99 of 1..1000 ms', () => {
    const h = newHistogram();
    for (let ms = 1; ms <= 1000; ms++) record(h, ms);
    expect(countOf(h)).toBe(1000);
    expect(quantile(h, 0.5)).toBeCloseTo(500, -1);
    expect(quantile(h, 0.99)).toBeCloseTo(990, -1);
    expect(quantile(newHistogram(), 0.99)).toBe(0);
  });

  it('merges histograms and keeps only the buckets in use when compacted', () => {
    const a = newHistogram();
    const b = newHistogram();
    record(a, 2);
    record(b, 2);
    record(b, 40);
    merge(a, b);
    expect(countOf(a)).toBe(3);
    expect(Object.values(compact(a))).toEqual([2, 1]);
  });
});
