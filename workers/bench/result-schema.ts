// The exported benchmark result: what a user downloads, shares and loads back. Everything in it is plain
// JSON (no undefined, NaN or Infinity), so JSON.parse(toJson(r)) is r again and validateResult accepts it.
import type { Backend, Capabilities, Dtype } from '../protocol';
import type { TokenComparison } from './divergence';
import type { BenchConfig, BenchPlan } from './plan';
import type { RatioEstimate } from './ratio';
import type { Statistics } from './stats';

/**
 * Bump when a field is added, removed or changes meaning. v2: `ci95` is the interval of the geometric mean
 * (log scale) and null below two runs; `geoMean` added; ratios carry `ci95` instead of `low`/`high`.
 * validateResult reads v1 and v2: summaries and comparisons are recomputed from the runs either way.
 */
export const RESULT_SCHEMA_VERSION = 2;

/**
 * One benchmark session.
 * - `createdAt`: ISO 8601 time the session started.
 * - `promptSuiteVersion`: the prompt-suite.ts version whose prompts `plan.promptIds` name.
 * - `environment`: where it ran; results from different machines are only comparable with it.
 * - `configurations`: every configuration the plan expanded to, in plan order, run or not.
 * - `summaries` / `comparisons`: derived from `configurations` by summarize.ts, stored so a reader
 *   without this code sees the numbers. This app never trusts them: it recomputes them on import and
 *   before showing a saved result (recomputeResult).
 * - `partial`: true when the session stopped early (user stop, crash): some planned runs are missing.
 */
export interface BenchResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  createdAt: string;
  promptSuiteVersion: number;
  plan: BenchPlan;
  environment: BenchEnvironment;
  configurations: ConfigurationResult[];
  summaries: ConfigurationSummary[];
  comparisons: Comparison[];
  partial: boolean;
}

/**
 * The device and software a session ran on. `libraries` maps package names to versions; `loaded` says what
 * each configuration that loaded actually ran (absent in results written before it existed).
 */
export interface BenchEnvironment {
  capabilities: Capabilities;
  userAgent: string;
  libraries: Record<string, string>;
  loaded?: LoadedConfiguration[];
}

/** What the engine reported after loading a configuration: the backend asked for and the one that ran. */
export interface LoadedConfiguration {
  configKey: string;
  modelId: string;
  requestedBackend: Backend;
  actualBackend: Backend;
  dtype: Dtype;
  ortBuild: 'asyncify' | 'plain';
  wasmThreads: number;
  /** The model's files with their sizes in bytes, where the download reported one. */
  files: { file: string; bytes: number | null }[];
}

/**
 * How a configuration ended:
 * - `ok`: every scheduled run finished.
 * - `unavailable`: never tried; `config.unavailable` says why (e.g. no WebGPU adapter).
 * - `crashed`: the worker or tab died during it (found from the crash breadcrumb); earlier runs are kept.
 * - `partial`: stopped, or some runs failed, before all runs finished; `error` says which.
 * - `failed`: loading or warm-up failed; there are no runs.
 */
export type ConfigurationStatus = 'ok' | 'unavailable' | 'crashed' | 'partial' | 'failed';

/** One configuration's raw measurements. */
export interface ConfigurationResult {
  config: BenchConfig;
  status: ConfigurationStatus;
  /** What went wrong, in words, for any status but ok and unavailable; otherwise null. */
  error: string | null;
  /** Milliseconds to download (or read from cache), to create the session, and for all warm-up runs. */
  load: { fetchMs: number; sessionMs: number; warmupMs: number } | null;
  runs: BenchRun[];
}

/** Memory readings after a run, where the browser offers them. */
export interface RunMemory {
  /** performance.memory.usedJSHeapSize (Chromium only). */
  jsHeapBytes?: number;
  /** Size of ONNX Runtime's WebAssembly memory. */
  wasmHeapBytes?: number;
  /** performance.measureUserAgentSpecificMemory() total: the page and its workers (cross-origin isolated only). */
  userAgentBytes?: number;
}

/**
 * One counted generation. Rates are per second, times in milliseconds.
 * - `ttftMs`: from the call to the first new token (prefill plus one decode step).
 * - `prefillTokensPerSecond`: promptTokens ÷ TTFT.
 * - `decodeTokensPerSecond`: (newTokens − 1) ÷ (t_last − t_first); null with fewer than two tokens.
 * - `tpotP50Ms` / `tpotP95Ms`: median and p95 time per output token after the first; null likewise.
 * - `hidden`: the tab was hidden during the run, so timers were throttled: the run is void, kept for
 *   the record and left out of every summary.
 */
export interface BenchRun {
  promptId: string;
  repetition: number;
  ttftMs: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number | null;
  tpotP50Ms: number | null;
  tpotP95Ms: number | null;
  endToEndMs: number;
  promptTokens: number;
  newTokens: number;
  /** Greedy token ids, for comparing backends. */
  tokenIds: number[];
  hidden: boolean;
  memory?: RunMemory;
}

/** Statistics over a configuration's counted (not hidden) runs; null where no run had the value. */
export interface ConfigurationSummary {
  configKey: string;
  countedRuns: number;
  voidRuns: number;
  decodeTokensPerSecond: Statistics | null;
  ttftMs: Statistics | null;
  prefillTokensPerSecond: Statistics | null;
  endToEndMs: Statistics | null;
}

/** Agreement of the two backends' greedy tokens on one prompt. */
export interface PromptDivergence {
  promptId: string;
  /** The repetition compared: the first one both configurations ran. */
  repetition: number;
  divergence: TokenComparison;
}

/**
 * WebGPU against WASM for one model (and one precision in same-precision mode). Speed ratios are
 * WebGPU ÷ WASM speed, so above 1 means WebGPU is faster: decode tok/s over decode tok/s, and WASM TTFT
 * over WebGPU TTFT. Null when either side has no counted runs.
 */
export interface Comparison {
  modelId: string;
  webgpuKey: string;
  wasmKey: string;
  decodeSpeedRatio: RatioEstimate | null;
  ttftSpeedRatio: RatioEstimate | null;
  prompts: PromptDivergence[];
}

export { validateResult } from './result-validate';
export { toCsv, toJson, toMarkdown } from './result-export';
