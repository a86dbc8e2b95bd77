import { describe, expect, it } from 'vitest';
import {
  lengthSweepChart,
  perPromptChart,
  spansDecade,
  type ChartPoint,
  type ChartSeries,
} from '../../src/lib/bench/chart-data';
import { bandSegments, chartColumns, groupOffsets } from '../../src/lib/bench/chart-layout';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

/** Points with values rounded to 9 decimals: exp(mean of logs) is the value itself only to rounding. */
const rounded = (points: readonly (ChartPoint | null)[] | undefined) =>
  points?.map((p) => p && { ...p, value: Number(p.value.toFixed(9)) });
const round9 = (values: readonly (number | null)[] | undefined) =>
  values?.map((v) => (v === null ? null : Number(v.toFixed(9))));

const result = (configurations: ReturnType<typeof configuration>[]) =>
  assembleResult({ createdAt: '2025-01-02T03:04:05.000Z', plan: plan(), environment, configurations });

const gpu = configuration('webgpu', 'q4', [
  run({ promptId: 'fact-short', decodeTokensPerSecond: 40 }),
  run({ promptId: 'fact-short', repetition: 2, decodeTokensPerSecond: 60 }),
  run({ promptId: 'fact-short', repetition: 3, decodeTokensPerSecond: 1, hidden: true }),
  run({ promptId: 'length-128', ttftMs: 300, promptTokens: 131 }),
  run({ promptId: 'length-16', ttftMs: 100, promptTokens: 19 }),
]);
const cpu = configuration('wasm', 'q4', [
  run({ promptId: 'fact-short', decodeTokensPerSecond: 10 }),
  run({ promptId: 'code-python', decodeTokensPerSecond: 12 }),
]);

describe('perPromptChart', () => {
  it('plots the geometric mean and 95% interval of counted runs per prompt, sweep prompts left out', () => {
    const chart = perPromptChart(result([gpu, cpu]), 'decode');
    expect(chart).toMatchObject({ x: [0, 1], xNames: ['fact-short', 'code-python'], yLabel: 'tokens/s' });
    const [webgpu, wasm] = chart?.series ?? [];
    expect(webgpu).toMatchObject({ label: 'WebGPU q4', backend: 'webgpu' });
    // [40, 60] (the hidden 1 is void). SciPy: l = np.log([40, 60]); h = st.t.ppf(0.975, 1) * st.sem(l)
    // np.exp([l.mean(), l.mean() - h, l.mean() + h]) → 48.98979, 3.727175, 643.9193
    expect(webgpu?.points[0]?.value).toBeCloseTo(48.98979485566357, 9);
    expect(webgpu?.points[0]?.ci95?.low).toBeCloseTo(3.727175, 4);
    expect(webgpu?.points[0]?.ci95?.high).toBeCloseTo(643.919, 1);
    expect(webgpu?.points[0]?.n).toBe(2);
    expect(webgpu?.points[1]).toBeNull();
    expect(rounded(wasm?.points)).toEqual([
      { value: 10, ci95: null, n: 1 },
      { value: 12, ci95: null, n: 1 },
    ]);
    // The whiskers run from 3.7 to 644: more than 10×, so the axis is logarithmic.
    expect(chart?.logY).toBe(true);
  });

  it('names the model in each series when several models ran, and has nothing to draw without runs', () => {
    const other = configuration('wasm', 'q4', [run()], {}, 'org/other');
    const labels = perPromptChart(result([gpu, other]), 'ttft')?.series.map((s) => s.label);
    expect(labels).toEqual(['WebGPU q4 · org/m', 'WASM q4 · org/other']);
    expect(perPromptChart(result([configuration('wasm', 'q4', [])]), 'ttft')).toBeNull();
  });
});

describe('lengthSweepChart', () => {
  it('plots TTFT against the prompt tokens the runs had, in order', () => {
    const chart = lengthSweepChart(result([gpu, cpu]));
    expect(chart?.x).toEqual([19, 131]);
    expect(chart?.xNames).toBeUndefined();
    // WASM ran no sweep prompt: it has no line here.
    expect(chart?.series.map((s) => s.label)).toEqual(['WebGPU q4']);
    expect(rounded(chart?.series[0]?.points)).toEqual([
      { value: 100, ci95: null, n: 1 },
      { value: 300, ci95: null, n: 1 },
    ]);
    expect(chart?.logY).toBe(false); // 100 to 300
    expect(lengthSweepChart(result([cpu]))).toBeNull();
  });
});

const series = (backend: 'webgpu' | 'wasm', values: (number | null)[]): ChartSeries => ({
  label: backend,
  backend,
  points: values.map((v) => (v === null ? null : { value: v, ci95: { low: v / 2, high: v * 2 }, n: 3 })),
});

describe('spansDecade', () => {
  it('is true when values with their whiskers span more than 10×', () => {
    expect(spansDecade([series('webgpu', [100]), series('wasm', [2])])).toBe(true); // 1 to 200
    expect(spansDecade([series('webgpu', [10]), series('wasm', [8])])).toBe(false); // 4 to 20
  });
});

describe('chartColumns', () => {
  it('groups configurations side by side within each prompt, with nothing in another series’ slot', () => {
    expect(groupOffsets(2)).toEqual([-0.1, 0.1]);
    expect(groupOffsets(1)).toEqual([0]);
    const chart = { ...perPromptChart(result([gpu, cpu]), 'decode')!, logY: false };
    const columns = chartColumns(chart);
    expect(columns.x).toEqual([-0.1, 0.1, 0.9, 1.1]);
    expect(round9(columns.values[1])).toEqual([null, 10, null, 12]);
    expect(columns.values[0]?.[0]).toBeCloseTo(48.98979, 4);
    expect(columns.values[0]?.slice(1)).toEqual([null, null, null]);
    expect(columns.lows[1]).toEqual([null, null, null, null]);
    // Linear: from 0 to above the highest whisker.
    expect(columns.yRange[0]).toBe(0);
    expect(columns.yRange[1]).toBeCloseTo(643.919 * 1.1, 0);
  });

  it('spans whole powers of 10 on a log axis', () => {
    const columns = chartColumns(perPromptChart(result([gpu, cpu]), 'decode')!);
    expect(columns.yRange).toEqual([1, 1000]); // whiskers from 3.7 to 644
  });

  it('keeps a numeric axis as it is', () => {
    const columns = chartColumns(lengthSweepChart(result([gpu]))!);
    expect(columns.x).toEqual([19, 131]);
    expect(round9(columns.values[0])).toEqual([100, 300]);
  });
});

describe('lengthSweepChart across models', () => {
  it('puts every series at its own prompt tokens, null where another tokenizer gave another length', () => {
    const other = configuration(
      'wasm',
      'q4',
      [run({ promptId: 'length-16', ttftMs: 150, promptTokens: 17 })],
      {},
      'org/other',
    );
    const chart = lengthSweepChart(result([gpu, other]));
    expect(chart?.x).toEqual([17, 19, 131]);
    expect(chart?.series.map((s) => [s.label, s.points.map((p) => p && Math.round(p.value))])).toEqual([
      ['WebGPU q4 · org/m', [null, 100, 300]],
      ['WASM q4 · org/other', [150, null, null]],
    ]);
  });
});

describe('bandSegments', () => {
  it('splits a band where a point has no interval', () => {
    expect(bandSegments([1, 2, null, 4, 5, 6], [2, 3, null, 5, 6, 7])).toEqual([
      [0, 1],
      [3, 4, 5],
    ]);
    expect(bandSegments([1, null], [null, null])).toEqual([]);
    expect(bandSegments([1], [2])).toEqual([[0]]);
  });
});
