import { describe, expect, it } from 'vitest';
import { pairedRatio, ratioOfMedians } from '../../workers/bench/ratio';
import { createRng } from '../../workers/bench/rng';

describe('createRng', () => {
  it('reproduces the reference mulberry32 sequence for a seed', () => {
    const rng = createRng(1);
    expect(rng()).toBeCloseTo(0.6270739405881613, 15);
    expect(rng()).toBeCloseTo(0.002735721180215478, 15);
  });
});

describe('pairedRatio', () => {
  it('takes the geometric mean of per-pair ratios, so 2× and 0.5× average to 1×', () => {
    expect(pairedRatio([2, 1], [1, 2]).ratio).toBeCloseTo(1, 12);
  });

  it('puts a t-interval on the log ratios', () => {
    // Ratios 2 and 4: logs ln2, ln4; mean ln√8; s = ln2/√2; half-width = 12.706 · s/√2.
    const r = pairedRatio([2, 8], [1, 2]);
    expect(r.ratio).toBeCloseTo(Math.sqrt(8), 12);
    expect(r.ci95?.low).toBeCloseTo(0.0346, 4);
    expect(r.ci95?.high).toBeCloseTo(231.2, 0);
    expect((r.ci95?.low ?? 0) * (r.ci95?.high ?? 0)).toBeCloseTo(8, 9); // symmetric in log space
    expect(r).toMatchObject({ method: 'paired-geometric-mean', counts: [2, 2] });
  });

  it('matches SciPy for four interleaved pairs', () => {
    // l = np.log(np.array([41.2, 39.8, 44.1, 40.5]) / np.array([22.0, 23.5, 21.1, 22.8]))
    // h = st.t.ppf(0.975, 3) * st.sem(l); np.exp([l.mean(), l.mean() - h, l.mean() + h])
    // → 1.852428754918385, 1.6044193846758041, 2.1387751387346023
    const r = pairedRatio([41.2, 39.8, 44.1, 40.5], [22.0, 23.5, 21.1, 22.8]);
    expect(r.ratio).toBeCloseTo(1.852428754918385, 12);
    expect(Math.abs((r.ci95?.low ?? NaN) / 1.6044193846758041 - 1)).toBeLessThan(1e-6);
    expect(Math.abs((r.ci95?.high ?? NaN) / 2.1387751387346023 - 1)).toBeLessThan(1e-6);
  });

  it('has no width when every pair has the same ratio, and no interval with one pair', () => {
    const same = pairedRatio([3, 6, 9], [1, 2, 3]);
    expect(same.ratio).toBeCloseTo(3, 12);
    expect(same.ci95).toEqual({ low: same.ratio, high: same.ratio });
    const one = pairedRatio([5], [2]);
    expect(one.ratio).toBeCloseTo(2.5, 12);
    expect(one.ci95).toBeNull();
  });

  it('refuses unaligned samples and values a ratio cannot use', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/differ in length: 2 and 1/);
    expect(() => pairedRatio([1, 0], [1, 1])).toThrow(/numerator sample needs positive finite values, got 0/);
    expect(() => pairedRatio([], [])).toThrow(/empty/);
  });
});

describe('ratioOfMedians', () => {
  it('divides the medians', () => {
    const r = ratioOfMedians([10, 30, 20], [5, 100, 10]);
    expect(r).toMatchObject({ ratio: 2, method: 'bootstrap-median-ratio', counts: [3, 3] });
    expect(r.ci95?.low).toBeLessThanOrEqual(2);
    expect(r.ci95?.high).toBeGreaterThanOrEqual(2);
  });

  it('bootstraps the interval: resampled medians of [1, 100] are 1, 50.5 or 100 (¼, ½, ¼)', () => {
    const r = ratioOfMedians([1, 100], [1, 1]);
    expect(r).toMatchObject({ ratio: 50.5, ci95: { low: 1, high: 100 } });
  });

  it('gives no interval when a side has a single run', () => {
    expect(ratioOfMedians([1, 100], [2])).toMatchObject({ ratio: 25.25, ci95: null, counts: [2, 1] });
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = [12, 15, 11, 19, 14, 13];
    const b = [6, 8, 5, 7, 9, 6];
    expect(ratioOfMedians(a, b, { seed: 7 })).toEqual(ratioOfMedians(a, b, { seed: 7 }));
    expect(ratioOfMedians(a, b, { seed: 7 })).not.toEqual(ratioOfMedians(a, b, { seed: 8 }));
  });

  it('has no width for constant samples', () => {
    expect(ratioOfMedians([4, 4, 4], [2, 2])).toMatchObject({ ratio: 2, ci95: { low: 2, high: 2 } });
  });

  it('refuses empty samples and non-positive values', () => {
    expect(() => ratioOfMedians([], [1])).toThrow(/numerator sample is empty/);
    expect(() => ratioOfMedians([1], [-1])).toThrow(
      /denominator sample needs positive finite values, got -1/,
    );
  });
});
