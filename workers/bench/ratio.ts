// How much faster one backend is than another, with a 95% interval.
//
// Two estimators, for two shapes of data:
// - pairedRatio: runs matched by (prompt, repetition). The schedule interleaves configurations, so pair k of
//   WebGPU and WASM ran the same prompt minutes apart: dividing within a pair cancels prompt length and
//   drift (thermal throttling, background tabs). Geometric mean, because ratios multiply: 2× and 0.5×
//   should average to 1×, not 1.25×. The interval is a t-interval on the log ratios, mapped back (as for
//   a single configuration's times in stats.ts), so it is never below zero.
// - ratioOfMedians: two independent samples. Medians, not means, because run times are right-skewed (a GC
//   pause or a throttled tab makes one run slow, never one run fast), and one such run should not move the
//   headline number. Its interval is a seeded percentile bootstrap, so a result file recomputes exactly.
// The UI shows the paired ratio whenever at least two pairs exist, and ratioOfMedians otherwise. Neither
// gives an interval from fewer than two values a side: one run says nothing about spread.
import { meanWithInterval, median, percentileOfSorted, requirePositive, type Interval } from './stats';
import { createRng, randomIndex } from './rng';

/** A ratio (numerator ÷ denominator) with its 95% interval and how it was computed. */
export interface RatioEstimate {
  ratio: number;
  /** 95% interval; null when a side has fewer than two values. */
  ci95: Interval | null;
  method: 'paired-geometric-mean' | 'bootstrap-median-ratio';
  /** Values used from the numerator and denominator samples (equal for paired). */
  counts: [number, number];
}

/** Bootstrap settings; defaults are 2,000 resamples and a fixed seed. */
export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 20240611;

function resampledMedian(values: readonly number[], rng: () => number): number {
  const draw = values.map(() => values[randomIndex(rng, values.length)] ?? 0);
  return median(draw);
}

/**
 * median(numerator) ÷ median(denominator), with a seeded percentile-bootstrap 95% interval: each resample
 * draws both samples again with replacement. No interval when either side has a single value.
 */
export function ratioOfMedians(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): RatioEstimate {
  requirePositive(numerator, 'numerator');
  requirePositive(denominator, 'denominator');
  const ratio = median(numerator) / median(denominator);
  const counts: [number, number] = [numerator.length, denominator.length];
  const method = 'bootstrap-median-ratio';
  if (Math.min(...counts) < 2) return { ratio, ci95: null, method, counts };
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    ratios.push(resampledMedian(numerator, rng) / resampledMedian(denominator, rng));
  }
  ratios.sort((a, b) => a - b);
  const ci95 = { low: percentileOfSorted(ratios, 2.5), high: percentileOfSorted(ratios, 97.5) };
  return { ratio, ci95, method, counts };
}

/**
 * Geometric mean of numerator[i] ÷ denominator[i] over aligned pairs, with a 95% t-interval on the log
 * ratios (exp of mean ± t·s/√n). With one pair there is no interval.
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): RatioEstimate {
  if (numerator.length !== denominator.length) {
    throw new RangeError(`Paired samples differ in length: ${numerator.length} and ${denominator.length}.`);
  }
  requirePositive(numerator, 'numerator');
  requirePositive(denominator, 'denominator');
  const logs = numerator.map((v, i) => Math.log(v / (denominator[i] ?? v)));
  const { mean, ci95 } = meanWithInterval(logs);
  return {
    ratio: Math.exp(mean),
    ci95: ci95 && { low: Math.exp(ci95.low), high: Math.exp(ci95.high) },
    method: 'paired-geometric-mean',
    counts: [numerator.length, denominator.length],
  };
}
