// Builders for benchmark results in the bench-* tests: small, readable, every number chosen by hand.
import type { Backend, Capabilities, Dtype } from '../../workers/protocol';
import type { BenchEnvironment, BenchRun, ConfigurationResult } from '../../workers/bench/result-schema';
import { withDefaults, type BenchPlan } from '../../workers/bench/plan';

export function run(over: Partial<BenchRun> = {}): BenchRun {
  return {
    promptId: 'fact-short',
    repetition: 1,
    ttftMs: 100,
    prefillTokensPerSecond: 200,
    decodeTokensPerSecond: 40,
    tpotP50Ms: 25,
    tpotP95Ms: 30,
    endToEndMs: 1700,
    promptTokens: 20,
    newTokens: 64,
    tokenIds: [1, 2, 3],
    hidden: false,
    ...over,
  };
}

export function configuration(
  backend: Backend,
  dtype: Dtype,
  runs: BenchRun[],
  over: Partial<ConfigurationResult> = {},
  modelId = 'org/m',
): ConfigurationResult {
  return {
    config: {
      key: `${modelId}|${backend}|${dtype}`,
      modelId,
      source: 'hub',
      backend,
      dtype,
      unavailable: null,
    },
    status: 'ok',
    error: null,
    load: { fetchMs: 1200, sessionMs: 800, warmupMs: 300 },
    runs,
    ...over,
  };
}

export const capabilities: Capabilities = {
  webgpu: {
    available: true,
    adapter: { vendor: 'acme', architecture: 'rdna9', device: '', description: '' },
    features: ['shader-f16'],
    limits: { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 28 },
    shaderF16: true,
  },
  crossOriginIsolated: true,
  hardwareConcurrency: 8,
  wasmThreads: 4,
  userAgent: 'TestBrowser/1.0',
  versions: { transformers: '4.3.2', onnxruntime: '1.31.0' },
};

export const environment: BenchEnvironment = {
  capabilities,
  userAgent: 'TestBrowser/1.0',
  libraries: { '@huggingface/transformers': '4.3.2', 'onnxruntime-web': '1.31.0' },
};

export function plan(over: Partial<BenchPlan> = {}): BenchPlan {
  return withDefaults({
    models: [{ id: 'org/m', source: 'hub' }],
    backends: ['webgpu', 'wasm'],
    precisions: { webgpu: ['q4'], wasm: ['q4'] },
    mode: 'same-precision',
    promptIds: ['fact-short', 'code-python'],
    repetitions: 2,
    ...over,
  });
}
