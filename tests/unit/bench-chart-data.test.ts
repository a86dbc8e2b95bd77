import { describe, expect, it } from 'vitest';
import { lengthSweepChart, perPromptChart } from '../../src/lib/bench/chart-data';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

const result = (configurations: ReturnType<typeof configuration>[]) =>
  assembleResult({ createdAt: '2025-01-02T03:04:05.000Z', plan: plan(), environment, configurations });

const gpu = configuration('webgpu', 'q4', [
  run({ promptId: 'fact-short', decodeTokensPerSecond: 40 }),
  run({ promptId: 'fact-short', repetition: 2, decodeTokensPerSecond: 60 }),
  run({ promptId: 'fact-short', repetition: 3, decodeTokensPerSecond: 1, hidden: true }),
  run({ promptId: 'length-128', ttftMs: 300 }),
  run({ promptId: 'length-16', ttftMs: 100 }),
]);
const cpu = configuration('wasm', 'q4', [
  run({ promptId: 'fact-short', decodeTokensPerSecond: 10 }),
  run({ promptId: 'code-python', decodeTokensPerSecond: 12 }),
]);

describe('perPromptChart', () => {
  it('plots the median of counted runs per prompt, one series per configuration, sweep prompts left out', () => {
    const chart = perPromptChart(result([gpu, cpu]), 'decode');
    expect(chart).toMatchObject({ x: [0, 1], xNames: ['fact-short', 'code-python'], yLabel: 'tokens/s' });
    expect(chart?.series).toEqual([
      { label: 'WebGPU q4', backend: 'webgpu', values: [50, null] },
      { label: 'WASM q4', backend: 'wasm', values: [10, 12] },
    ]);
  });

  it('names the model in each series when several models ran, and has nothing to draw without runs', () => {
    const other = configuration('wasm', 'q4', [run()], {}, 'org/other');
    const labels = perPromptChart(result([gpu, other]), 'ttft')?.series.map((s) => s.label);
    expect(labels).toEqual(['WebGPU q4 · org/m', 'WASM q4 · org/other']);
    expect(perPromptChart(result([configuration('wasm', 'q4', [])]), 'ttft')).toBeNull();
  });
});

describe('lengthSweepChart', () => {
  it('plots TTFT against the target prompt length, in order', () => {
    const chart = lengthSweepChart(result([gpu, cpu]));
    expect(chart?.x).toEqual([16, 128]);
    expect(chart?.xNames).toBeUndefined();
    // WASM ran no sweep prompt: it has no line here.
    expect(chart?.series).toEqual([{ label: 'WebGPU q4', backend: 'webgpu', values: [100, 300] }]);
    expect(lengthSweepChart(result([cpu]))).toBeNull();
  });
});
