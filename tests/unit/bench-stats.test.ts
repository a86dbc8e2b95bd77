import { describe, expect, it } from 'vitest';
import { computeStatistics, meanWithInterval, median, percentileOfSorted } from '../../workers/bench/stats';
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

const relativeError = (actual: number | undefined, expected: number) =>
  Math.abs((actual ?? NaN) / expected - 1);

describe('computeStatistics', () => {
  it('computes every field for a textbook sample', () => {
    // Deviations² from the mean 5: 9+1+1+1+0+0+4+16 = 32, so the sample variance is 32/7.
    const s = computeStatistics([9, 4, 2, 5, 4, 7, 4, 5]);
    expect(s).toMatchObject({ n: 8, min: 2, max: 9, mean: 5, median: 4.5, p25: 4, p75: 5.5 });
    expect(s.p95).toBeCloseTo(8.3, 12); // h = 6.65 → 7 + 0.65 · (9 − 7)
    expect(s.stdDev).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  // Expected values from NumPy 2.4 / SciPy 1.17, computed once:
  //   x = np.array(sample); l = np.log(x); h = st.t.ppf(0.975, len(x) - 1) * st.sem(l)
  //   np.exp(l.mean()), np.exp(l.mean() - h), np.exp(l.mean() + h); np.percentile(x, [25, 50, 75, 95])
  const SCIPY = [
    {
      sample: [812.4, 790.1, 1530.0, 805.7, 799.3],
      geoMean: 912.442103,
      ci95: { low: 637.2188209, high: 1306.53798 },
      percentiles: { p25: 799.3, median: 805.7, p75: 812.4, p95: 1386.48 },
      stdDev: 325.7312926,
    },
    {
      // The plain t-interval of the mean is −5231…8738 ms here: below zero, impossible for a time.
      sample: [120, 140, 5000],
      geoMean: 437.951914,
      ci95: { low: 2.316253054, high: 82806.96214 },
      percentiles: { p25: 130, median: 140, p75: 2570, p95: 4514 },
      stdDev: 2811.713594,
    },
    {
      sample: [10.5, 12.1],
      geoMean: 11.27164584,
      ci95: { low: 4.577846103, high: 27.75322655 },
      percentiles: { p25: 10.9, median: 11.3, p75: 11.7, p95: 12.02 },
      stdDev: 1.13137085,
    },
  ];

  it.each(SCIPY)('matches SciPy: geometric mean and log-scale t-interval of $sample', (expected) => {
    const s = computeStatistics(expected.sample);
    expect(s.n).toBe(expected.sample.length);
    expect(relativeError(s.geoMean, expected.geoMean)).toBeLessThan(1e-8);
    // NOTE: 1e-6, not less: the t quantile is tabled to 6 decimals (student-t.ts).
    expect(relativeError(s.ci95?.low, expected.ci95.low)).toBeLessThan(1e-6);
    expect(relativeError(s.ci95?.high, expected.ci95.high)).toBeLessThan(1e-6);
    expect(relativeError(s.stdDev, expected.stdDev)).toBeLessThan(1e-8);
    for (const [key, value] of Object.entries(expected.percentiles)) {
      expect(s[key as keyof typeof expected.percentiles]).toBeCloseTo(value, 9);
    }
    expect(s.ci95?.low).toBeGreaterThan(0);
  });

  it('gives no interval for a single run, rather than one of zero width', () => {
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
      geoMean: 7,
      ci95: null,
    });
  });

  it('refuses an empty sample, and values a time or rate cannot have', () => {
    expect(() => computeStatistics([])).toThrow('The statistics sample is empty.');
    expect(() => computeStatistics([1, NaN])).toThrow(/positive finite values, got NaN/);
    expect(() => computeStatistics([1, Infinity])).toThrow(/got Infinity/);
    expect(() => computeStatistics([1, 0])).toThrow(/got 0/);
    expect(() => computeStatistics([1, -1000])).toThrow(/got -1000/);
  });
});

describe('meanWithInterval', () => {
  it('gives a Student-t interval for the mean of any values, none for one value', () => {
    // scipy.stats.t.interval(0.95, 4, loc=3, scale=st.sem([1, 2, 3, 4, 5])) → (1.036757, 4.963243)
    const { mean, ci95 } = meanWithInterval([1, 2, 3, 4, 5]);
    expect(mean).toBe(3);
    expect(ci95?.low).toBeCloseTo(1.036757, 5);
    expect(ci95?.high).toBeCloseTo(4.963243, 5);
    expect(meanWithInterval([-2])).toEqual({ mean: -2, ci95: null });
  });
});
