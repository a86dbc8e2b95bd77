// Devices side by side (issue 10): one row per model and precision, one column per device, every
// difference between the results named, and no row read across devices that did not run it alike.
import { describe, expect, it } from 'vitest';
import type { Dtype } from '../../workers/protocol';
import { compareDevices, type DeviceInput } from '../../workers/bench/compare-devices';
import { ranOn } from '../../workers/bench/device-facts';
import type { BenchPlan } from '../../workers/bench/plan';
import type { BenchEnvironment } from '../../workers/bench/result-schema';
import { assembleResult } from '../../workers/bench/summarize';
import { capabilities, configuration, environment, plan, run } from './bench-fixtures';

/** WebGPU decodes `speedup`× faster than WASM in both of two paired runs. */
function device(
  title: string,
  speedup: number,
  {
    dtype = 'q4',
    planned = {},
    env = environment,
  }: { dtype?: Dtype; planned?: Partial<BenchPlan>; env?: BenchEnvironment } = {},
): DeviceInput {
  const runs = (rate: number) => [
    run({ decodeTokensPerSecond: rate }),
    run({ repetition: 2, decodeTokensPerSecond: rate }),
  ];
  const result = assembleResult({
    createdAt: '2025-01-02T03:04:05.000Z',
    plan: plan({ precisions: { webgpu: [dtype], wasm: [dtype] }, ...planned }),
    environment: env,
    configurations: [
      configuration('webgpu', dtype, runs(10 * speedup)),
      configuration('wasm', dtype, runs(10)),
    ],
  });
  return { id: title, title, result };
}

describe('compareDevices', () => {
  it('puts each device’s own paired ratio in one row when all ran alike', () => {
    const table = compareDevices([device('Laptop', 4), device('Phone', 0.5), device('Tablet', 2)]);
    expect(table.devices.map((d) => d.title)).toEqual(['Laptop', 'Phone', 'Tablet']);
    expect(table.rows).toHaveLength(1);
    const [row] = table.rows;
    expect(row?.precision).toBe('q4');
    expect(row?.cells.map((c) => c?.decode?.ratio)).toEqual([4, 0.5, 2].map((r) => expect.closeTo(r, 10)));
    expect(row?.cells.map((c) => c?.decode?.method)).toEqual(Array(3).fill('paired-geometric-mean'));
    expect(row?.notComparable).toEqual([]);
    expect(table.notes).toEqual([]);
  });

  it('gives a different precision its own row, marked not run on the others, and says so', () => {
    const table = compareDevices([device('Laptop', 4), device('Phone', 2, { dtype: 'q8' })]);
    expect(table.rows.map((r) => [r.precision, r.cells.map((c) => c !== null)])).toEqual([
      ['q4', [true, false]],
      ['q8', [false, true]],
    ]);
    expect(table.rows.map((r) => r.missing)).toEqual([['Phone'], ['Laptop']]);
    expect(table.rows.map((r) => r.notComparable)).toEqual([
      ['run on one device only'],
      ['run on one device only'],
    ]);
    expect(table.notes).toEqual([
      'These results used different precisions or models for org/m: Laptop: q4; Phone: q8.',
    ]);
  });

  it('marks every row not comparable when the prompt sets or new tokens differ, naming both', () => {
    const table = compareDevices([
      device('Laptop', 4),
      device('Phone', 2, { planned: { promptIds: ['fact-short'], newTokens: 16 } }),
    ]);
    expect(table.rows[0]?.notComparable).toEqual(['different prompts', 'different new tokens per run']);
    expect(table.notes).toEqual([
      'These results used different prompt sets: Laptop: code-python, fact-short; Phone: fact-short.',
      'These results used different numbers of new tokens per run: Laptop: 64; Phone: 16.',
    ]);
  });

  it('judges a row among the devices that ran it: a third device with other prompts does not spoil it', () => {
    const table = compareDevices([
      device('Laptop', 4),
      device('Phone', 2),
      device('Desktop', 8, { dtype: 'q8', planned: { promptIds: ['fact-short'] } }),
    ]);
    expect(table.rows.map((r) => [r.precision, r.missing, r.notComparable])).toEqual([
      ['q4', ['Desktop'], []],
      ['q8', ['Laptop', 'Phone'], ['run on one device only']],
    ]);
    expect(table.notes[0]).toMatch(/^These results used different prompt sets: /);
  });

  it('names another prompt-suite version: the same prompt ids may hold other texts', () => {
    const older = device('Phone', 2);
    older.result = { ...older.result, promptSuiteVersion: older.result.promptSuiteVersion - 1 };
    const table = compareDevices([device('Laptop', 4), older]);
    expect(table.rows[0]?.notComparable).toEqual(['different prompt-suite versions']);
    expect(table.notes).toHaveLength(1);
    expect(table.notes[0]).toMatch(
      /^These results used different prompt-suite versions: Laptop: \d+; Phone: \d+\.$/,
    );
  });

  it('notes different library versions without refusing the comparison', () => {
    const newer = { ...environment, libraries: { ...environment.libraries, 'onnxruntime-web': '1.32.0' } };
    const table = compareDevices([device('Laptop', 4), device('Phone', 2, { env: newer })]);
    expect(table.rows[0]?.notComparable).toEqual([]);
    expect(table.notes).toHaveLength(1);
    expect(table.notes[0]).toMatch(
      /^These results used different library versions: Laptop: .*1\.31\.0; Phone: .*1\.32\.0\.$/,
    );
  });

  it('flags a WebGPU configuration that ran on WASM', () => {
    const input = device('Laptop', 1);
    const loaded = input.result.configurations.map(({ config }) => ({
      configKey: config.key,
      modelId: config.modelId,
      requestedBackend: config.backend,
      actualBackend: 'wasm' as const,
      dtype: config.dtype,
      ortBuild: 'plain' as const,
      wasmThreads: 4,
      files: [],
    }));
    input.result.environment = { ...environment, loaded };
    expect(compareDevices([input]).rows[0]?.cells[0]?.fellBack).toBe(true);
    expect(compareDevices([device('Phone', 1)]).rows[0]?.cells[0]?.fellBack).toBe(false);
  });
});

describe('ranOn', () => {
  it('names the adapter, threads, isolation and libraries, or why there was no WebGPU', () => {
    expect(ranOn(environment)).toEqual({
      adapter: 'acme rdna9 (shader-f16)',
      threads: '4 of 8',
      crossOriginIsolated: true,
      libraries: '@huggingface/transformers 4.3.2 · onnxruntime-web 1.31.0',
      userAgent: 'TestBrowser/1.0',
    });
    const webgpu = { ...capabilities.webgpu, available: false, reason: 'blocklisted' };
    expect(ranOn({ ...environment, capabilities: { ...capabilities, webgpu } }).adapter).toBe(
      'no WebGPU (blocklisted)',
    );
  });
});
