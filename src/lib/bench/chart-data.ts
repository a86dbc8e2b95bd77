// What the charts draw, computed from a result: per prompt and configuration, the geometric mean of the
// counted runs with its 95% interval. NOTE: the geometric mean, not the median, so the point is the
// centre of its own whisker and the same figure the summary table shows in bold (stats.ts says why).
import type { Backend } from '../../../workers/protocol';
import type { BenchResult, BenchRun, ConfigurationResult } from '../../../workers/bench/result-schema';
import { computeStatistics, type Interval } from '../../../workers/bench/stats';

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

function seriesOf(result: BenchResult, promptIds: readonly string[], read: Read): ChartSeries[] {
  const ran = result.configurations.filter((c) => c.runs.some((r) => !r.hidden));
  const models = new Set(ran.map((c) => c.config.modelId));
  const label = ({ config }: ConfigurationResult) =>
    `${config.backend === 'webgpu' ? 'WebGPU' : 'WASM'} ${config.dtype}${models.size > 1 ? ` · ${config.modelId}` : ''}`;
  const series = ran.map((c) => ({
    label: label(c),
    backend: c.config.backend,
    points: promptIds.map((id) => pointOf(c.runs, id, read)),
  }));
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
  const series = seriesOf(result, ids, read);
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

/** TTFT against prompt length over the length sweep's prompts, one line per configuration. */
export function lengthSweepChart(result: BenchResult): ChartData | null {
  const ids = promptOrder(result)
    .filter(isSweep)
    .sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  const series = seriesOf(result, ids, (r) => r.ttftMs);
  if (ids.length === 0 || series.length === 0) return null;
  return {
    title: 'Length sweep: time to first token by prompt length (geometric mean, 95% interval)',
    yLabel: 'ms',
    xLabel: 'prompt length (target tokens)',
    x: ids.map((id) => Number(id.slice(7))),
    series,
    logY: spansDecade(series),
  };
}
