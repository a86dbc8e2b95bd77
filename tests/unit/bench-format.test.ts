import { describe, expect, it } from 'vitest';
import { figure, intervalText, plural, ratioText } from '../../workers/bench/format';

describe('plural', () => {
  it('puts the noun in the right number', () => {
    expect(plural(1, 'repetition')).toBe('1 repetition');
    expect(plural(0, 'run')).toBe('0 runs');
    expect(plural(5, 'run')).toBe('5 runs');
    expect(plural(2, 'child', 'children')).toBe('2 children');
  });
});

describe('figure', () => {
  it('rounds to the digits asked, but never a positive value to zero', () => {
    expect(figure(1306.538, 0)).toBe('1307');
    expect(figure(0.00137, 2)).toBe('0.0014');
    expect(figure(0.95, 1)).toBe('0.95');
    expect(figure(0, 1)).toBe('0.0');
  });
});

describe('intervalText and ratioText', () => {
  it('prints an interval, or a dash where there is none', () => {
    expect(intervalText({ low: 637.2, high: 1306.5 }, 0)).toBe('637–1307');
    expect(intervalText(null, 1)).toBe('–');
    // A low end below 1 keeps two significant digits rather than reading as an impossible 0.0.
    expect(intervalText({ low: 0.0123, high: 114561.3 }, 1)).toBe('0.012–114561.3');
  });

  it('names the interval, the n and the method of a ratio', () => {
    const paired = { ratio: 1.8524, ci95: { low: 1.6044, high: 2.1388 }, counts: [4, 4] as [number, number] };
    expect(ratioText({ ...paired, method: 'paired-geometric-mean' })).toBe('1.85× (95% 1.60–2.14, 4 pairs)');
    expect(ratioText({ ratio: 1.909, ci95: null, method: 'bootstrap-median-ratio', counts: [2, 1] })).toBe(
      '1.91× (no interval: 2 and 1 run, medians)',
    );
    expect(ratioText(null)).toBe('no runs to compare');
  });
});
