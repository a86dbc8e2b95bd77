// How much faster one backend is than another, with a 95% interval.
//
// Two estimators, for two shapes of data:
// - pairedRatio: runs matched by (prompt, repetition). The schedule interleaves configurations, so pair k of
//   WebGPU and WASM ran the same prompt minutes apart: dividing within a pair cancels prompt length and
//   drift (thermal throttling, background tabs). Geometric mean, because ratios multiply: 2× and 0.5×
//   should average to 1×, not 1.25×. The interval is a t-interval on the log ratios, mapped back.
// - ratioOfMedians: two independent samples. Medians, not means, because run times are right-skewed (a GC
//   pause or a throttled tab makes one run slow, never one run fast), and one such run should not move the
//   headline number. Its interval is a seeded percentile bootstrap, so a result file recomputes exactly.
// The UI shows the paired ratio whenever at least two pairs exist, and ratioOfMedians otherwise.
import { computeStatistics, median, percentileOfSorted } from './stats';
import { createRng, randomIndex } from './rng';

/** A ratio (numerator ÷ denominator) with its 95% interval and how it was computed. */
export interface RatioEstimate {
  ratio: number;
  low: number;
  high: number;
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

function requirePositive(values: readonly number[], name: string): void {
  if (values.length === 0) throw new RangeError(`The ${name} sample is empty.`);
  const bad = values.find((v) => !(v > 0 && Number.isFinite(v)));
  if (bad !== undefined) throw new RangeError(`Ratios need positive finite values; ${name} has ${bad}.`);
}

function resampledMedian(values: readonly number[], rng: () => number): number {
  const draw = values.map(() => values[randomIndex(rng, values.length)] ?? 0);
  return median(draw);
}

/**
 * median(numerator) ÷ median(denominator), with a seeded percentile-bootstrap 95% interval: each resample
 * draws both samples again with replacement. With one value per side the interval is the ratio itself.
 */
export function ratioOfMedians(
  numerator: readonly number[],
  denominator: readonly number[],
  options: BootstrapOptions = {},
): RatioEstimate {
  requirePositive(numerator, 'numerator');
  requirePositive(denominator, 'denominator');
  const rng = createRng(options.seed ?? DEFAULT_SEED);
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    ratios.push(resampledMedian(numerator, rng) / resampledMedian(denominator, rng));
  }
  ratios.sort((a, b) => a - b);
  return {
    ratio: median(numerator) / median(denominator),
    low: percentileOfSorted(ratios, 2.5),
    high: percentileOfSorted(ratios, 97.5),
    method: 'bootstrap-median-ratio',
    counts: [numerator.length, denominator.length],
  };
}

/**
 * Geometric mean of numerator[i] ÷ denominator[i] over aligned pairs, with a 95% t-interval on the log
 * ratios (exp of mean ± t·s/√n). With one pair the interval is that pair's ratio.
 */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): RatioEstimate {
  if (numerator.length !== denominator.length) {
    throw new RangeError(`Paired samples differ in length: ${numerator.length} and ${denominator.length}.`);
  }
  requirePositive(numerator, 'numerator');
  requirePositive(denominator, 'denominator');
  const logs = numerator.map((v, i) => Math.log(v / (denominator[i] ?? v)));
  const { mean, ci95 } = computeStatistics(logs);
  return {
    ratio: Math.exp(mean),
    low: Math.exp(ci95.low),
    high: Math.exp(ci95.high),
    method: 'paired-geometric-mean',
    counts: [numerator.length, denominator.length],
  };
}
