// Figures in words, the same in the app and in the exports: every figure carries its n, and a figure
// without an interval (fewer than two runs) says so instead of printing a zero-width one.
import type { RatioEstimate } from './ratio';
import type { Interval } from './stats';

/** "1 run", "5 runs": the count with its noun in the right number. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * `v` with `digits` decimals, but never rounded to zero: below 1 it keeps two significant digits, so a
 * wide interval's low end reads 0.0012, not 0.00 (which would look like the impossible zero).
 */
export function figure(v: number, digits: number): string {
  return v > 0 && v < 1 ? v.toPrecision(2) : v.toFixed(digits);
}

/** "637–1307" with `digits` decimals, or "–" when there is no interval. */
export function intervalText(ci: Interval | null, digits: number): string {
  return ci ? `${figure(ci.low, digits)}–${figure(ci.high, digits)}` : '–';
}

/** How many runs a ratio rests on: "10 pairs", or "5 and 4 runs" for unpaired medians. */
export function ratioCounts(r: RatioEstimate): string {
  const [a, b] = r.counts;
  return r.method === 'paired-geometric-mean' ? plural(a, 'pair') : `${a} and ${plural(b, 'run')}`;
}

/** "1.85× (95% 1.60–2.14, 4 pairs)", or "1.91× (no interval: 1 and 1 run)". */
export function ratioText(r: RatioEstimate | null): string {
  if (!r) return 'no runs to compare';
  const how = r.ci95 ? `95% ${intervalText(r.ci95, 2)}, ${ratioCounts(r)}` : `no interval: ${ratioCounts(r)}`;
  return `${figure(r.ratio, 2)}× (${how}${r.method === 'bootstrap-median-ratio' ? ', medians' : ''})`;
}
