// Statistics of one configuration's runs. Times and rates are positive and right-skewed (a GC pause or a
// throttled timer makes a run slow, never fast), so the interval is computed on the log scale: a Student-t
// interval for the mean of ln(values), mapped back with exp. It is an interval for the geometric mean, and
// it cannot go below zero however wide the spread. Why not a bootstrap of the median: with the 3–10 runs a
// benchmark has, a percentile bootstrap is too narrow (it can only return values in the sample) and needs a
// seed to be reproducible; the log-t interval is closed-form, exact to check, and the same method the paired
// WebGPU ÷ WASM ratios use (ratio.ts), so every interval on screen means the same thing.
import { tQuantile975 } from './student-t';

/** A 95% interval: low ≤ high. */
export interface Interval {
  low: number;
  high: number;
}

/** Summary statistics of one sample of positive values, as a benchmark result stores them. */
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
  /** exp(mean of ln values): the centre of the interval below. */
  geoMean: number;
  /** 95% interval for the geometric mean (t-interval on ln values); null with fewer than two values. */
  ci95: Interval | null;
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

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

/** Sample standard deviation (n − 1); 0 for one value. */
function sampleStdDev(values: readonly number[], mean: number): number {
  const n = values.length;
  return n > 1 ? Math.sqrt(sum(values.map((v) => (v - mean) ** 2)) / (n - 1)) : 0;
}

/**
 * The mean of any finite values with its 95% Student-t interval; the interval is null with fewer than two
 * values (one value says nothing about spread, and a zero-width interval would claim certainty).
 */
export function meanWithInterval(values: readonly number[]): { mean: number; ci95: Interval | null } {
  const n = values.length;
  const mean = sum(values) / n;
  if (n < 2) return { mean, ci95: null };
  const half = (tQuantile975(n - 1) * sampleStdDev(values, mean)) / Math.sqrt(n);
  return { mean, ci95: { low: mean - half, high: mean + half } };
}

/** Throws unless every value is a positive finite number, naming the first that is not. */
export function requirePositive(values: readonly number[], name: string): void {
  if (values.length === 0) throw new RangeError(`The ${name} sample is empty.`);
  const bad = values.find((v) => !(v > 0 && Number.isFinite(v)));
  if (bad !== undefined) throw new RangeError(`The ${name} sample needs positive finite values, got ${bad}.`);
}

/** Min, max, mean, quartiles, p95, standard deviation, and the geometric mean with its 95% interval. */
export function computeStatistics(values: readonly number[]): Statistics {
  requirePositive(values, 'statistics');
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sum(sorted) / sorted.length;
  const logs = meanWithInterval(sorted.map(Math.log));
  return {
    n: sorted.length,
    min: sorted[0] ?? mean,
    max: sorted[sorted.length - 1] ?? mean,
    mean,
    median: percentileOfSorted(sorted, 50),
    p25: percentileOfSorted(sorted, 25),
    p75: percentileOfSorted(sorted, 75),
    p95: percentileOfSorted(sorted, 95),
    stdDev: sampleStdDev(sorted, mean),
    geoMean: Math.exp(logs.mean),
    ci95: logs.ci95 && { low: Math.exp(logs.ci95.low), high: Math.exp(logs.ci95.high) },
  };
}
