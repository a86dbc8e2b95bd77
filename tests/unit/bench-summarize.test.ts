import { describe, expect, it } from 'vitest';
import {
  assembleResult,
  compareConfigurations,
  runRatio,
  summarizeConfiguration,
} from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

describe('summarizeConfiguration', () => {
  it('summarises counted runs and leaves hidden-tab runs out', () => {
    const s = summarizeConfiguration(
      configuration('wasm', 'q8', [
        run({ decodeTokensPerSecond: 10, ttftMs: 300 }),
        run({ decodeTokensPerSecond: 30, ttftMs: 100, repetition: 2 }),
        run({ decodeTokensPerSecond: 20, ttftMs: 200, repetition: 3 }),
        run({ decodeTokensPerSecond: 1000, ttftMs: 1, repetition: 4, hidden: true }),
      ]),
    );
    expect(s).toMatchObject({ configKey: 'org/m|wasm|q8', countedRuns: 3, voidRuns: 1 });
    expect(s.decodeTokensPerSecond).toMatchObject({ n: 3, median: 20, mean: 20, min: 10, max: 30 });
    expect(s.ttftMs).toMatchObject({ n: 3, median: 200 });
    expect(s.endToEndMs).toMatchObject({ n: 3, mean: 1700, stdDev: 0 });
  });

  it('skips missing decode speeds, and has no statistics without counted runs', () => {
    const s = summarizeConfiguration(
      configuration('wasm', 'q8', [run({ decodeTokensPerSecond: null }), run({ decodeTokensPerSecond: 8 })]),
    );
    expect(s.decodeTokensPerSecond?.n).toBe(1);
    expect(s.ttftMs?.n).toBe(2);
    const empty = summarizeConfiguration(configuration('webgpu', 'q4', [], { status: 'unavailable' }));
    expect(empty).toMatchObject({ countedRuns: 0, decodeTokensPerSecond: null, ttftMs: null });
  });
});

describe('runRatio', () => {
  const decode = (r: { decodeTokensPerSecond: number | null }) => r.decodeTokensPerSecond;

  it('pairs runs by prompt and repetition when two or more pairs exist', () => {
    // Pairs give 40/20 = 2 and 60/15 = 4; geometric mean √8. Order does not matter, keys do.
    const gpu = [run({ decodeTokensPerSecond: 40 }), run({ repetition: 2, decodeTokensPerSecond: 60 })];
    const wasm = [run({ repetition: 2, decodeTokensPerSecond: 15 }), run({ decodeTokensPerSecond: 20 })];
    const r = runRatio(gpu, wasm, decode);
    expect(r?.method).toBe('paired-geometric-mean');
    expect(r?.ratio).toBeCloseTo(Math.sqrt(8), 12);
  });

  it('falls back to the ratio of medians when runs do not pair, and gives null without data', () => {
    const gpu = [
      run({ decodeTokensPerSecond: 40 }),
      run({ repetition: 2, decodeTokensPerSecond: 60, hidden: true }),
    ];
    const wasm = [run({ decodeTokensPerSecond: 20 }), run({ repetition: 2, decodeTokensPerSecond: 10 })];
    // One pair left (the hidden run is void): medians 40 and 15.
    expect(runRatio(gpu, wasm, decode)).toMatchObject({ method: 'bootstrap-median-ratio', ratio: 40 / 15 });
    expect(runRatio([], wasm, decode)).toBeNull();
  });
});

describe('compareConfigurations', () => {
  const gpu = configuration('webgpu', 'q4', [
    run({ decodeTokensPerSecond: 40, ttftMs: 100, tokenIds: [1, 2, 3] }),
    run({ repetition: 2, decodeTokensPerSecond: 40, ttftMs: 100, tokenIds: [1, 2, 3] }),
    run({ promptId: 'code-python', repetition: 2, decodeTokensPerSecond: 40, ttftMs: 100, tokenIds: [7, 8] }),
  ]);
  const wasm = configuration('wasm', 'q4', [
    run({ decodeTokensPerSecond: 20, ttftMs: 300, tokenIds: [1, 2, 3] }),
    run({ repetition: 2, decodeTokensPerSecond: 20, ttftMs: 300, tokenIds: [1, 2, 3] }),
    run({ promptId: 'code-python', repetition: 2, decodeTokensPerSecond: 20, ttftMs: 300, tokenIds: [7, 9] }),
  ]);

  it('reports WebGPU ÷ WASM speed, above 1 when WebGPU is faster, for decode and TTFT', () => {
    const [c] = compareConfigurations([gpu, wasm], 'same-precision');
    expect(c).toMatchObject({ modelId: 'org/m', webgpuKey: 'org/m|webgpu|q4', wasmKey: 'org/m|wasm|q4' });
    expect(c?.decodeSpeedRatio).toMatchObject({ method: 'paired-geometric-mean', counts: [3, 3] });
    expect(c?.decodeSpeedRatio?.ratio).toBeCloseTo(2, 12);
    expect(c?.ttftSpeedRatio?.ratio).toBeCloseTo(3, 12); // 300 ms on WASM, 100 ms on WebGPU
  });

  it('compares tokens per prompt at the first repetition both backends ran', () => {
    const [c] = compareConfigurations([gpu, wasm], 'same-precision');
    expect(c?.prompts).toEqual([
      { promptId: 'fact-short', repetition: 1, divergence: expect.objectContaining({ identical: true }) },
      {
        promptId: 'code-python',
        repetition: 2,
        divergence: { identical: false, firstDivergence: 1, matchingShare: 0.5, lengths: [2, 2] },
      },
    ]);
  });

  it('groups by model and precision in same-precision mode, by model in best-per-backend', () => {
    const q8 = [configuration('webgpu', 'q8', []), configuration('wasm', 'q8', [])];
    expect(compareConfigurations([gpu, wasm, ...q8], 'same-precision').map((c) => c.wasmKey)).toEqual([
      'org/m|wasm|q4',
      'org/m|wasm|q8',
    ]);
    const best = [gpu, configuration('wasm', 'q8', [run()])];
    expect(compareConfigurations(best, 'best-per-backend').map((c) => c.wasmKey)).toEqual(['org/m|wasm|q8']);
    expect(compareConfigurations(best, 'same-precision')).toEqual([]);
  });

  it('keeps a comparison whose WebGPU side never ran, with no ratios', () => {
    const none = configuration('webgpu', 'q4', [], { status: 'unavailable', load: null });
    expect(compareConfigurations([none, wasm], 'same-precision')).toEqual([
      expect.objectContaining({ decodeSpeedRatio: null, ttftSpeedRatio: null, prompts: [] }),
    ]);
  });
});

describe('assembleResult', () => {
  const base = { createdAt: '2025-01-02T03:04:05.000Z', plan: plan(), environment };

  it('fills versions, summaries and comparisons', () => {
    const r = assembleResult({ ...base, configurations: [configuration('webgpu', 'q4', [run()])] });
    expect(r).toMatchObject({ schemaVersion: 2, promptSuiteVersion: 1, partial: false, comparisons: [] });
    expect(r.summaries.map((s) => s.configKey)).toEqual(['org/m|webgpu|q4']);
  });

  it('is partial when a configuration crashed or stopped early, unless told otherwise', () => {
    const crashed = [configuration('webgpu', 'q4', [], { status: 'crashed', error: 'tab died' })];
    expect(assembleResult({ ...base, configurations: crashed }).partial).toBe(true);
    const failed = [configuration('webgpu', 'q4', [], { status: 'failed', error: 'no file' })];
    expect(assembleResult({ ...base, configurations: failed }).partial).toBe(false);
    expect(assembleResult({ ...base, configurations: failed, partial: true }).partial).toBe(true);
  });
});
