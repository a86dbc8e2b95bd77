// Checks a loaded result file against result-schema.ts by hand: no schema library in the bundle, and every
// error names the field it is about. Only the raw runs are checked and kept: summaries, ratios and token
// agreement are recomputed from them (a file could say anything there), so a stored figure never reaches
// the screen unchecked. A time or rate that is zero, negative or not finite is refused, not dropped.
import type { BenchResult } from './result-schema';
import { bool, count, finite, isoDate, listOf, nonNegative, nullable, object, oneOf } from './checks';
import { positive, recordOf, text } from './checks';
import type { Check } from './checks';
import { recomputeResult } from './summarize';

// NOTE: typed as the schema's version, so bumping RESULT_SCHEMA_VERSION without revisiting this file
// fails the type check. Every version from 1 has the same runs; only the derived parts changed.
const READS_VERSION: BenchResult['schemaVersion'] = 2;
const MAX_ERRORS = 50;

const backend = oneOf('webgpu', 'wasm');
const dtype = oneOf('fp32', 'fp16', 'q8', 'q4', 'q4f16');
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
    ttftMs: positive,
    prefillTokensPerSecond: positive,
    decodeTokensPerSecond: nullable(positive),
    tpotP50Ms: nullable(positive),
    tpotP95Ms: nullable(positive),
    endToEndMs: positive,
    promptTokens: count,
    newTokens: count,
    tokenIds: listOf(count),
    hidden: bool,
    memory: object({ jsHeapBytes: nonNegative, wasmHeapBytes: nonNegative, userAgentBytes: nonNegative }, [
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
  load: nullable(object({ fetchMs: nonNegative, sessionMs: nonNegative, warmupMs: nonNegative })),
  runs: listOf(run),
});

const schemaVersion: Check = (value, path, errors) => {
  if (typeof value === 'number' && Number.isInteger(value) && value > READS_VERSION) {
    errors.push(
      `${path}: this file was written by a newer version of this app (result schema v${value}); ` +
        `this one reads v1 to v${READS_VERSION}. Open it in an up-to-date copy of the app.`,
    );
  } else if (!(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= READS_VERSION)) {
    errors.push(`${path}: expected a result schema version from 1 to ${READS_VERSION}, got ${String(value)}`);
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
  partial: bool,
});

/**
 * Checks parsed JSON is a result this app can read, and returns it with summaries and comparisons
 * recomputed from its runs; otherwise errors name each wrong field (the first 50).
 */
export function validateResult(
  json: unknown,
): { ok: true; value: BenchResult } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  result(json, '', errors);
  if (errors.length === 0) return { ok: true, value: recomputeResult(json as BenchResult) };
  const extra = errors.length - MAX_ERRORS;
  return { ok: false, errors: extra > 0 ? [...errors.slice(0, MAX_ERRORS), `…and ${extra} more`] : errors };
}
