import { tQuantile975 } from './student-t';

/** Summary statistics of one sample, as a benchmark result stores them. */
export interface Statistics {
  n: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p25: number;
  p75: number;
  p95: number;
  /** Sample standard deviation (divides by n − 1); 0 when n = 1. */
  stdDev: number;
  /** 95% confidence interval for the mean (Student's t); equal to the value itself when n = 1. */
  ci95: { low: number; high: number };
}

/**
 * The p-th percentile (0–100) of an ascending, non-empty array, by linear interpolation between the two
 * nearest ranks: numpy's default (`method='linear'`).
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const below = sorted[lo];
  if (below === undefined) throw new RangeError('percentileOfSorted needs a non-empty array.');
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] ?? below;
  return below + (h - lo) * (above - below);
}

/** The median of a non-empty sample (any order). */
export function median(values: readonly number[]): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Min, max, mean, quartiles, p95, sample standard deviation and a t-interval for the mean.
 * Throws on an empty sample or a value that is not a finite number. With one value there is no spread to
 * measure: stdDev is 0 and the interval collapses to that value (not "no uncertainty", just unknown).
 */
export function computeStatistics(values: readonly number[]): Statistics {
  if (values.length === 0) throw new RangeError('computeStatistics needs at least one value, got none.');
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`computeStatistics needs finite numbers, got ${bad}.`);

  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / n;
  const variance = n > 1 ? sorted.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
  const stdDev = Math.sqrt(variance);
  const half = n > 1 ? (tQuantile975(n - 1) * stdDev) / Math.sqrt(n) : 0;
  return {
    n,
    min: sorted[0] ?? mean,
    max: sorted[n - 1] ?? mean,
    mean,
    median: percentileOfSorted(sorted, 50),
    p25: percentileOfSorted(sorted, 25),
    p75: percentileOfSorted(sorted, 75),
    p95: percentileOfSorted(sorted, 95),
    stdDev,
    ci95: { low: mean - half, high: mean + half },
  };
}
