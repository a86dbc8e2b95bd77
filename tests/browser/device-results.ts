// Three result files that look as if they came from three devices, built from the unit fixtures: made-up
// runs with a little spread, so each device's ratio has a real interval. For the device-comparison test
// and the README's screenshot; the app recomputes every figure from the runs, as it does for any file.
import type { Dtype } from '../../workers/protocol';
import type { BenchEnvironment, BenchResult } from '../../workers/bench/result-schema';
import { assembleResult } from '../../workers/bench/summarize';
import { capabilities, configuration, environment, plan, run } from '../unit/bench-fixtures';

interface Device {
  file: string;
  createdAt: string;
  userAgent: string;
  adapter: { vendor: string; architecture: string } | null;
  threads: [number, number];
  isolated: boolean;
  dtype: Dtype;
  /** WebGPU decode speed ÷ WASM decode speed, before the spread. */
  speedup: number;
}

export const DEVICES: Device[] = [
  {
    file: 'laptop.json',
    createdAt: '2026-11-18T09:12:00.000Z',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/131.0.0.0 Safari/537.36',
    adapter: { vendor: 'apple', architecture: 'metal-3' },
    threads: [8, 10],
    isolated: true,
    dtype: 'q4',
    speedup: 3.2,
  },
  {
    file: 'phone.json',
    createdAt: '2026-11-19T18:40:00.000Z',
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0.0.0 Mobile Safari/537.36',
    adapter: { vendor: 'arm', architecture: 'valhall' },
    threads: [1, 8],
    isolated: false,
    dtype: 'q4',
    speedup: 0.6,
  },
  {
    file: 'desktop.json',
    createdAt: '2026-11-20T14:05:00.000Z',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    adapter: { vendor: 'nvidia', architecture: 'ampere' },
    threads: [4, 16],
    isolated: true,
    dtype: 'q8',
    speedup: 9,
  },
];

function environmentOf(d: Device): BenchEnvironment {
  const webgpu = d.adapter
    ? { ...capabilities.webgpu, adapter: { ...d.adapter, device: '', description: '' } }
    : { ...capabilities.webgpu, available: false, adapter: undefined };
  const [wasmThreads, hardwareConcurrency] = d.threads;
  const caps = { ...capabilities, webgpu, wasmThreads, hardwareConcurrency, crossOriginIsolated: d.isolated };
  return { ...environment, capabilities: { ...caps, userAgent: d.userAgent }, userAgent: d.userAgent };
}

/**
 * Two prompts × three repetitions; `scale` multiplies the speeds; `phase` shifts the fixed per-run spread,
 * so paired ratios vary from pair to pair and their interval has a width.
 */
function runs(scale: number, phase: number) {
  const prompts = [
    { promptId: 'fact-short', promptTokens: 24 },
    { promptId: 'code-python', promptTokens: 61 },
  ];
  return prompts.flatMap((p, i) =>
    [1, 2, 3].map((repetition) => {
      const spread = 1 + 0.04 * ((repetition + i + phase) % 3);
      return run({
        ...p,
        repetition,
        decodeTokensPerSecond: 20 * scale * spread,
        ttftMs: (p.promptTokens * 5) / scale / spread,
        prefillTokensPerSecond: 200 * scale * spread,
      });
    }),
  );
}

/** The device's result, as the app would export it. */
export function deviceResult(d: Device): BenchResult {
  return assembleResult({
    createdAt: d.createdAt,
    plan: plan({
      models: [{ id: 'selftest', source: 'bundled' }],
      precisions: { webgpu: [d.dtype], wasm: [d.dtype] },
      repetitions: 3,
    }),
    environment: environmentOf(d),
    configurations: [
      configuration('webgpu', d.dtype, runs(d.speedup, 0), {}, 'selftest'),
      configuration('wasm', d.dtype, runs(1, 1), {}, 'selftest'),
    ].map((c) => ({ ...c, config: { ...c.config, source: 'bundled' as const } })),
  });
}
