// From the engine's GenerateStats to one counted benchmark run. All times were taken inside the worker,
// so message passing between the page and the worker never enters a number.
import type { GenerateStats } from '../../../workers/protocol';
import type { BenchRun, RunMemory } from '../../../workers/bench/result-schema';
import { median, percentileOfSorted } from '../../../workers/bench/stats';

/** Gaps between consecutive token arrivals: the time per output token after the first. */
export function tokenGaps(tokenTimesMs: readonly number[]): number[] {
  return tokenTimesMs.slice(1).map((t, i) => t - (tokenTimesMs[i] ?? t));
}

/** The p-th percentile of the gaps, or null with fewer than two tokens. */
function gapPercentile(sortedGaps: readonly number[], p: number): number | null {
  return sortedGaps.length > 0 ? percentileOfSorted(sortedGaps, p) : null;
}

/** What a run is: which prompt, which repetition, and whether the tab was hidden during it. */
export interface RunLabel {
  promptId: string;
  repetition: number;
  hidden: boolean;
  memory?: RunMemory;
}

/** One counted run: prefill tok/s = promptTokens ÷ TTFT, TPOT p50/p95 from the token arrival times. */
export function runFromStats(stats: GenerateStats, label: RunLabel): BenchRun {
  const gaps = tokenGaps(stats.tokenTimesMs).sort((a, b) => a - b);
  const run: BenchRun = {
    promptId: label.promptId,
    repetition: label.repetition,
    ttftMs: stats.ttftMs,
    prefillTokensPerSecond: stats.ttftMs > 0 ? stats.promptTokens / (stats.ttftMs / 1000) : 0,
    decodeTokensPerSecond: stats.decodeTokensPerSecond,
    tpotP50Ms: gapPercentile(gaps, 50),
    tpotP95Ms: gapPercentile(gaps, 95),
    endToEndMs: stats.totalMs,
    promptTokens: stats.promptTokens,
    newTokens: stats.newTokens,
    tokenIds: [...stats.tokenIds],
    hidden: label.hidden,
  };
  if (label.memory && Object.keys(label.memory).length > 0) run.memory = label.memory;
  if (stats.wasmHeapBytes) run.memory = { ...run.memory, wasmHeapBytes: stats.wasmHeapBytes };
  return run;
}

/** Why a finished generation cannot count, or null when it can: it must decode exactly `newTokens`. */
export function runProblem(stats: GenerateStats, newTokens: number): string | null {
  if (stats.stoppedBy === 'interrupt') return 'stopped before the end';
  if (stats.newTokens !== newTokens) return `decoded ${stats.newTokens} tokens instead of ${newTokens}`;
  return null;
}

/** Medians over counted runs of each run's TPOT p50 and p95; null where no run had them. */
export function tpotMedians(runs: readonly BenchRun[]): { p50: number | null; p95: number | null } {
  const of = (read: (r: BenchRun) => number | null) => {
    const values = runs.flatMap((r) => (r.hidden ? [] : [read(r)])).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  return { p50: of((r) => r.tpotP50Ms), p95: of((r) => r.tpotP95Ms) };
}

/** The largest memory reading over the runs: the page with its workers where measured, else the page's JS heap. */
export function peakMemory(
  runs: readonly BenchRun[],
): { bytes: number; scope: 'page and workers' | 'page JS heap' } | null {
  const max = (read: (r: BenchRun) => number | undefined) => Math.max(0, ...runs.map((r) => read(r) ?? 0));
  const all = max((r) => r.memory?.userAgentBytes);
  if (all > 0) return { bytes: all, scope: 'page and workers' };
  const heap = max((r) => r.memory?.jsHeapBytes);
  return heap > 0 ? { bytes: heap, scope: 'page JS heap' } : null;
}
