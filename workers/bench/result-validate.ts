// Checks a loaded result file against result-schema.ts by hand: no schema library in the bundle, and every
// error names the field it is about.
import type { BenchResult } from './result-schema';
import { bool, count, finite, isoDate, listOf, nullable, object, oneOf, recordOf, text } from './checks';
import type { Check } from './checks';

// NOTE: typed as the schema's version, so bumping RESULT_SCHEMA_VERSION without revisiting this file
// fails the type check.
const READS_VERSION: BenchResult['schemaVersion'] = 1;
const MAX_ERRORS = 50;

const backend = oneOf('webgpu', 'wasm');
const dtype = oneOf('fp32', 'fp16', 'q8', 'q4', 'q4f16');
const interval = object({ low: finite, high: finite });
const chat = listOf(object({ role: oneOf('system', 'user', 'assistant'), content: text }));

const plan = object({
  models: listOf(object({ id: text, source: oneOf('hub', 'bundled', 'imported') })),
  backends: listOf(backend),
  precisions: object({ webgpu: listOf(dtype), wasm: listOf(dtype) }),
  mode: oneOf('same-precision', 'best-per-backend'),
  promptIds: listOf(text),
  userPrompts: listOf(object({ id: text, title: text, messages: chat })),
  repetitions: count,
  newTokens: count,
  warmupRuns: count,
});

const capabilities = object({
  webgpu: object(
    {
      available: bool,
      reason: text,
      adapter: object({ vendor: text, architecture: text, device: text, description: text }),
      features: listOf(text),
      limits: object({ maxBufferSize: finite, maxStorageBufferBindingSize: finite }),
      shaderF16: bool,
    },
    ['reason', 'adapter'],
  ),
  crossOriginIsolated: bool,
  hardwareConcurrency: count,
  wasmThreads: count,
  userAgent: text,
  versions: object({ transformers: text, onnxruntime: text }),
});

const config = object({
  key: text,
  modelId: text,
  source: oneOf('hub', 'bundled', 'imported'),
  backend,
  dtype,
  unavailable: nullable(text),
});

const loaded = object({
  configKey: text,
  modelId: text,
  requestedBackend: backend,
  actualBackend: backend,
  dtype,
  ortBuild: oneOf('asyncify', 'plain'),
  wasmThreads: count,
  files: listOf(object({ file: text, bytes: nullable(count) })),
});

const run = object(
  {
    promptId: text,
    repetition: count,
    ttftMs: finite,
    prefillTokensPerSecond: finite,
    decodeTokensPerSecond: nullable(finite),
    tpotP50Ms: nullable(finite),
    tpotP95Ms: nullable(finite),
    endToEndMs: finite,
    promptTokens: count,
    newTokens: count,
    tokenIds: listOf(count),
    hidden: bool,
    memory: object({ jsHeapBytes: finite, wasmHeapBytes: finite, userAgentBytes: finite }, [
      'jsHeapBytes',
      'wasmHeapBytes',
      'userAgentBytes',
    ]),
  },
  ['memory'],
);

const configuration = object({
  config,
  status: oneOf('ok', 'unavailable', 'crashed', 'partial', 'failed'),
  error: nullable(text),
  load: nullable(object({ fetchMs: finite, sessionMs: finite, warmupMs: finite })),
  runs: listOf(run),
});

const statistics = nullable(
  object({
    ...Object.fromEntries(
      ['min', 'max', 'mean', 'median', 'p25', 'p75', 'p95', 'stdDev'].map((k) => [k, finite]),
    ),
    n: count,
    ci95: interval,
  }),
);

const summary = object({
  configKey: text,
  countedRuns: count,
  voidRuns: count,
  decodeTokensPerSecond: statistics,
  ttftMs: statistics,
  prefillTokensPerSecond: statistics,
  endToEndMs: statistics,
});

const ratio = nullable(
  object({
    ratio: finite,
    low: finite,
    high: finite,
    method: oneOf('paired-geometric-mean', 'bootstrap-median-ratio'),
    counts: listOf(count),
  }),
);

const divergence = object({
  identical: bool,
  firstDivergence: nullable(count),
  matchingShare: finite,
  lengths: listOf(count),
});

const comparison = object({
  modelId: text,
  webgpuKey: text,
  wasmKey: text,
  decodeSpeedRatio: ratio,
  ttftSpeedRatio: ratio,
  prompts: listOf(object({ promptId: text, repetition: count, divergence })),
});

const schemaVersion: Check = (value, path, errors) => {
  if (value !== READS_VERSION) {
    errors.push(`${path}: this app reads result files of version ${READS_VERSION}, got ${String(value)}`);
  }
};

const result = object({
  schemaVersion,
  createdAt: isoDate,
  promptSuiteVersion: count,
  plan,
  environment: object({ capabilities, userAgent: text, libraries: recordOf(text), loaded: listOf(loaded) }, [
    'loaded',
  ]),
  configurations: listOf(configuration),
  summaries: listOf(summary),
  comparisons: listOf(comparison),
  partial: bool,
});

/** Checks parsed JSON is a result this app can read; errors name each wrong field (the first 50). */
export function validateResult(
  json: unknown,
): { ok: true; value: BenchResult } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  result(json, '', errors);
  if (errors.length === 0) return { ok: true, value: json as BenchResult };
  const extra = errors.length - MAX_ERRORS;
  return { ok: false, errors: extra > 0 ? [...errors.slice(0, MAX_ERRORS), `…and ${extra} more`] : errors };
}
