// What the charts draw, computed from a result: per prompt and configuration, the geometric mean of the
// counted runs with its 95% interval. NOTE: the geometric mean, not the median, so the point is the
// centre of its own whisker and the same figure the summary table shows in bold (stats.ts says why).
import type { Backend } from '../../../workers/protocol';
import type { BenchResult, BenchRun, ConfigurationResult } from '../../../workers/bench/result-schema';
import { computeStatistics, median, type Interval } from '../../../workers/bench/stats';

/** One plotted figure: the geometric mean, its 95% interval (null below two runs) and n. */
export interface ChartPoint {
  value: number;
  ci95: Interval | null;
  n: number;
}

export interface ChartSeries {
  label: string;
  backend: Backend;
  points: (ChartPoint | null)[];
}

/** Data for one chart; x values are shared by every series (points a series lacks are null). */
export interface ChartData {
  title: string;
  yLabel: string;
  xLabel: string;
  x: number[];
  /** Names of x positions on a categorical axis (prompt ids); absent for a numeric axis. */
  xNames?: string[];
  series: ChartSeries[];
  /** Values (whiskers included) span more than 10×: a linear axis would flatten the smaller ones. */
  logY: boolean;
}

type Read = (run: BenchRun) => number | null;
const isSweep = (id: string) => /^length-\d+$/.test(id);

function pointOf(runs: readonly BenchRun[], promptId: string, read: Read): ChartPoint | null {
  const values = runs.flatMap((r) => {
    const v = r.promptId === promptId && !r.hidden ? read(r) : null;
    return v !== null && v > 0 && Number.isFinite(v) ? [v] : [];
  });
  if (values.length === 0) return null;
  const { geoMean, ci95, n } = computeStatistics(values);
  return { value: geoMean, ci95, n };
}

/** A configuration's legend name: backend and precision, and the model when there are several. */
function labeller(ran: readonly ConfigurationResult[]): (c: ConfigurationResult) => string {
  const models = new Set(ran.map((c) => c.config.modelId));
  return ({ config }) =>
    `${config.backend === 'webgpu' ? 'WebGPU' : 'WASM'} ${config.dtype}${models.size > 1 ? ` · ${config.modelId}` : ''}`;
}

/** One series per configuration with counted runs; `points` reads its points; empty series left out. */
function seriesOf(
  result: BenchResult,
  points: (c: ConfigurationResult) => (ChartPoint | null)[],
): ChartSeries[] {
  const ran = result.configurations.filter((c) => c.runs.some((r) => !r.hidden));
  const label = labeller(ran);
  const series = ran.map((c) => ({ label: label(c), backend: c.config.backend, points: points(c) }));
  return series.filter((s) => s.points.some((p) => p !== null));
}

/** Every value a chart shows: each point and both ends of its whisker. */
export const plottedValues = (series: readonly ChartSeries[]) =>
  series.flatMap((s) =>
    s.points.flatMap((p) => (p ? [p.value, p.ci95?.low ?? p.value, p.ci95?.high ?? p.value] : [])),
  );

/** Whether the plotted values, whiskers included, span more than 10×. */
export function spansDecade(series: readonly ChartSeries[]): boolean {
  const all = plottedValues(series);
  return all.length > 0 && Math.max(...all) > 10 * Math.min(...all);
}

const promptOrder = (result: BenchResult) => [
  ...new Set(result.configurations.flatMap((c) => c.runs.map((r) => r.promptId))),
];

/** Decode tok/s or TTFT per prompt (length-sweep prompts left to their own chart). */
export function perPromptChart(result: BenchResult, metric: 'decode' | 'ttft'): ChartData | null {
  const ids = promptOrder(result).filter((id) => !isSweep(id));
  if (ids.length === 0) return null;
  const read: Read = metric === 'decode' ? (r) => r.decodeTokensPerSecond : (r) => r.ttftMs;
  const series = seriesOf(result, (c) => ids.map((id) => pointOf(c.runs, id, read)));
  if (series.length === 0) return null;
  return {
    title: `${metric === 'decode' ? 'Decode speed' : 'Time to first token'} per prompt (geometric mean, 95% interval)`,
    yLabel: metric === 'decode' ? 'tokens/s' : 'ms',
    xLabel: 'prompt',
    x: ids.map((_, i) => i),
    xNames: ids,
    series,
    logY: spansDecade(series),
  };
}

/** The median prompt tokens of a configuration's counted runs of one prompt: what the model read. */
function promptTokens(runs: readonly BenchRun[], promptId: string): number | null {
  const counts = runs.filter((r) => r.promptId === promptId && !r.hidden).map((r) => r.promptTokens);
  return counts.length > 0 ? median(counts) : null;
}

/**
 * TTFT against the prompt tokens the runs actually had (the sweep's targets are approximate, and
 * tokenizers differ between models), one line per configuration; x is every length any series has.
 */
export function lengthSweepChart(result: BenchResult): ChartData | null {
  const ids = promptOrder(result).filter(isSweep);
  const byLength = new Map<ConfigurationResult, Map<number, ChartPoint>>();
  for (const c of result.configurations) {
    const points = ids.flatMap((id) => {
      const [x, p] = [promptTokens(c.runs, id), pointOf(c.runs, id, (r) => r.ttftMs)];
      return x !== null && p ? [[x, p] as const] : [];
    });
    byLength.set(c, new Map(points));
  }
  const x = [...new Set([...byLength.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const series = seriesOf(result, (c) => x.map((v) => byLength.get(c)?.get(v) ?? null));
  if (x.length === 0 || series.length === 0) return null;
  return {
    title: 'Length sweep: time to first token by prompt tokens (geometric mean, 95% interval band)',
    yLabel: 'ms',
    xLabel: 'prompt tokens',
    x,
    series,
    logY: spansDecade(series),
  };
}
