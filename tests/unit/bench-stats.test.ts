import { describe, expect, it } from 'vitest';
import { computeStatistics, median, percentileOfSorted } from '../../workers/bench/stats';
import { tQuantile975 } from '../../workers/bench/student-t';

describe('tQuantile975', () => {
  it('matches published t tables for small samples', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(4)).toBeCloseTo(2.776, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
  });

  it('uses the expansion past the table, tending to the normal 1.96', () => {
    expect(tQuantile975(31)).toBeCloseTo(2.039513, 6);
    expect(tQuantile975(100)).toBeCloseTo(1.983972, 6);
    expect(tQuantile975(Infinity)).toBeCloseTo(1.959964, 6);
  });

  it('refuses degrees of freedom that have no quantile', () => {
    expect(() => tQuantile975(0)).toThrow(/at least 1/);
    expect(() => tQuantile975(NaN)).toThrow(/at least 1/);
    expect(() => tQuantile975(2.5)).toThrow(/whole/);
  });
});

describe('percentileOfSorted', () => {
  it('interpolates linearly between ranks, as numpy does by default', () => {
    // h = (4 − 1) · 0.10 = 0.3 → 1 + 0.3 · (2 − 1)
    expect(percentileOfSorted([1, 2, 3, 4], 10)).toBeCloseTo(1.3, 12);
    expect(percentileOfSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(percentileOfSorted([1, 2, 3, 4], 100)).toBe(4);
    expect(median([9, 1, 5, 3])).toBe(4);
  });
});

describe('computeStatistics', () => {
  it('computes every field for a textbook sample', () => {
    // Deviations² from the mean 5: 9+1+1+1+0+0+4+16 = 32, so the sample variance is 32/7.
    const s = computeStatistics([9, 4, 2, 5, 4, 7, 4, 5]);
    expect(s).toMatchObject({ n: 8, min: 2, max: 9, mean: 5, median: 4.5, p25: 4, p75: 5.5 });
    expect(s.p95).toBeCloseTo(8.3, 12); // h = 6.65 → 7 + 0.65 · (9 − 7)
    expect(s.stdDev).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('gives a Student-t interval for the mean', () => {
    // mean 3, s = √2.5, half-width = 2.776445 · √2.5 / √5
    const { ci95 } = computeStatistics([1, 2, 3, 4, 5]);
    expect(ci95.low).toBeCloseTo(1.036757, 5);
    expect(ci95.high).toBeCloseTo(4.963243, 5);
  });

  it('collapses spread and interval to the value for a single run', () => {
    expect(computeStatistics([7])).toEqual({
      n: 1,
      min: 7,
      max: 7,
      mean: 7,
      median: 7,
      p25: 7,
      p75: 7,
      p95: 7,
      stdDev: 0,
      ci95: { low: 7, high: 7 },
    });
  });

  it('refuses an empty sample and non-finite values with a clear message', () => {
    expect(() => computeStatistics([])).toThrow('computeStatistics needs at least one value, got none.');
    expect(() => computeStatistics([1, NaN])).toThrow(/finite numbers, got NaN/);
    expect(() => computeStatistics([1, Infinity])).toThrow(/finite numbers/);
  });
});
