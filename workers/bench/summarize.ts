// From raw runs to the numbers people read: per-configuration statistics and WebGPU ÷ WASM comparisons.
// Hidden-tab runs are void (browsers throttle timers in background tabs) and never enter a statistic.
import { compareTokens } from './divergence';
import type { PlanMode } from './plan';
import { PROMPT_SUITE_VERSION } from './prompt-suite';
import { pairedRatio, ratioOfMedians, type BootstrapOptions, type RatioEstimate } from './ratio';
import { RESULT_SCHEMA_VERSION } from './result-schema';
import type {
  BenchResult,
  BenchRun,
  Comparison,
  ConfigurationResult,
  ConfigurationSummary,
  PromptDivergence,
} from './result-schema';
import { computeStatistics, type Statistics } from './stats';

type Metric = (run: BenchRun) => number | null;

/** A metric's values over the counted runs; non-positive values (a broken clock) are left out. */
function values(runs: readonly BenchRun[], read: Metric): number[] {
  return runs.flatMap((run) => {
    const v = run.hidden ? null : read(run);
    return v !== null && v > 0 && Number.isFinite(v) ? [v] : [];
  });
}

const statsOf = (runs: readonly BenchRun[], read: Metric): Statistics | null => {
  const v = values(runs, read);
  return v.length > 0 ? computeStatistics(v) : null;
};

/** Statistics of decode tok/s, TTFT, prefill tok/s and end-to-end time over a configuration's counted runs. */
export function summarizeConfiguration({ config, runs }: ConfigurationResult): ConfigurationSummary {
  const voidRuns = runs.filter((r) => r.hidden).length;
  return {
    configKey: config.key,
    countedRuns: runs.length - voidRuns,
    voidRuns,
    decodeTokensPerSecond: statsOf(runs, (r) => r.decodeTokensPerSecond),
    ttftMs: statsOf(runs, (r) => r.ttftMs),
    prefillTokensPerSecond: statsOf(runs, (r) => r.prefillTokensPerSecond),
    endToEndMs: statsOf(runs, (r) => r.endToEndMs),
  };
}

const pairKey = (run: BenchRun) => `${run.promptId}\u0000${run.repetition}`;

/**
 * read(numerator run) ÷ read(denominator run): paired by (prompt, repetition) when at least two pairs have
 * the value, else the ratio of medians of whatever each side has; null when a side has nothing.
 */
export function runRatio(
  numerator: readonly BenchRun[],
  denominator: readonly BenchRun[],
  read: Metric,
  options: BootstrapOptions = {},
): RatioEstimate | null {
  const byKey = new Map(denominator.map((run) => [pairKey(run), run]));
  const pairs = numerator.flatMap((run) => {
    const other = byKey.get(pairKey(run));
    const [a, b] = [values([run], read)[0], other && values([other], read)[0]];
    return a !== undefined && b !== undefined ? [[a, b] as const] : [];
  });
  if (pairs.length >= 2)
    return pairedRatio(
      pairs.map(([a]) => a),
      pairs.map(([, b]) => b),
    );
  const [num, den] = [values(numerator, read), values(denominator, read)];
  return num.length > 0 && den.length > 0 ? ratioOfMedians(num, den, options) : null;
}

/** Token agreement per prompt, at the first repetition both sides ran (hidden runs count: ids are valid). */
function divergences(webgpu: readonly BenchRun[], wasm: readonly BenchRun[]): PromptDivergence[] {
  const byKey = new Map(wasm.map((run) => [pairKey(run), run]));
  const found = new Map<string, PromptDivergence>();
  const ordered = [...webgpu].sort((a, b) => a.repetition - b.repetition);
  for (const run of ordered) {
    const other = byKey.get(pairKey(run));
    if (!other || found.has(run.promptId)) continue;
    const { promptId, repetition } = run;
    found.set(promptId, { promptId, repetition, divergence: compareTokens(run.tokenIds, other.tokenIds) });
  }
  const order = [...new Set(webgpu.map((r) => r.promptId))];
  return order.flatMap((id) => found.get(id) ?? []);
}

/**
 * WebGPU ÷ WASM for each model (and precision, in same-precision mode) that has a configuration on each
 * backend: decode and TTFT speed ratios (above 1: WebGPU faster) and token agreement per prompt.
 */
export function compareConfigurations(
  configurations: readonly ConfigurationResult[],
  mode: PlanMode,
  options: BootstrapOptions = {},
): Comparison[] {
  const groups = new Map<string, { webgpu?: ConfigurationResult; wasm?: ConfigurationResult }>();
  for (const c of configurations) {
    const key = mode === 'same-precision' ? `${c.config.modelId}|${c.config.dtype}` : c.config.modelId;
    const group = groups.get(key) ?? {};
    group[c.config.backend] ??= c;
    groups.set(key, group);
  }
  return [...groups.values()].flatMap(({ webgpu, wasm }) => {
    if (!webgpu || !wasm) return [];
    return [
      {
        modelId: webgpu.config.modelId,
        webgpuKey: webgpu.config.key,
        wasmKey: wasm.config.key,
        decodeSpeedRatio: runRatio(webgpu.runs, wasm.runs, (r) => r.decodeTokensPerSecond, options),
        // NOTE: speed is 1 / TTFT, so WebGPU's speed over WASM's is WASM's TTFT over WebGPU's.
        ttftSpeedRatio: runRatio(wasm.runs, webgpu.runs, (r) => r.ttftMs, options),
        prompts: divergences(webgpu.runs, wasm.runs),
      },
    ];
  });
}

/** The parts of a result only the runner knows; assembleResult derives the rest. */
export type ResultInput = Pick<BenchResult, 'createdAt' | 'plan' | 'environment' | 'configurations'> & {
  /** Defaults to true when any configuration crashed or ended partial. */
  partial?: boolean;
};

/** A complete, exportable result: versions, summaries, comparisons and the partial flag filled in. */
export function assembleResult(input: ResultInput, options: BootstrapOptions = {}): BenchResult {
  const { createdAt, plan, environment, configurations } = input;
  const partial =
    input.partial ?? configurations.some((c) => c.status === 'crashed' || c.status === 'partial');
  const raw = { createdAt, promptSuiteVersion: PROMPT_SUITE_VERSION, plan, environment, configurations };
  return recomputeResult({ ...raw, partial }, options);
}

/** The raw parts of a result: what was planned, where it ran, and the runs. Everything else derives. */
export type RawResult = Pick<
  BenchResult,
  'createdAt' | 'promptSuiteVersion' | 'plan' | 'environment' | 'configurations' | 'partial'
>;

/**
 * The result in the current schema with every summary, ratio and token comparison derived again from
 * its runs: for imported files and saved history, whose stored figures may be stale, old or made up.
 */
export function recomputeResult(raw: RawResult, options: BootstrapOptions = {}): BenchResult {
  const { createdAt, promptSuiteVersion, plan, environment, configurations, partial } = raw;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    createdAt,
    promptSuiteVersion,
    plan,
    environment,
    configurations,
    summaries: configurations.map(summarizeConfiguration),
    comparisons: compareConfigurations(configurations, plan.mode, options),
    partial,
  };
}
