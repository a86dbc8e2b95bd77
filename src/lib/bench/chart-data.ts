// What the charts draw, computed from a result: medians of counted runs, one series per configuration.
import type { Backend } from '../../../workers/protocol';
import type { BenchResult, BenchRun, ConfigurationResult } from '../../../workers/bench/result-schema';
import { median } from '../../../workers/bench/stats';

export interface ChartSeries {
  label: string;
  backend: Backend;
  values: (number | null)[];
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
}

type Read = (run: BenchRun) => number | null;
const isSweep = (id: string) => /^length-\d+$/.test(id);

function medianOf(runs: readonly BenchRun[], promptId: string, read: Read): number | null {
  const values = runs.flatMap((r) => {
    const v = r.promptId === promptId && !r.hidden ? read(r) : null;
    return v !== null && Number.isFinite(v) ? [v] : [];
  });
  return values.length ? median(values) : null;
}

function seriesOf(result: BenchResult, promptIds: readonly string[], read: Read): ChartSeries[] {
  const ran = result.configurations.filter((c) => c.runs.some((r) => !r.hidden));
  const models = new Set(ran.map((c) => c.config.modelId));
  const label = ({ config }: ConfigurationResult) =>
    `${config.backend === 'webgpu' ? 'WebGPU' : 'WASM'} ${config.dtype}${models.size > 1 ? ` · ${config.modelId}` : ''}`;
  const series = ran.map((c) => ({
    label: label(c),
    backend: c.config.backend,
    values: promptIds.map((id) => medianOf(c.runs, id, read)),
  }));
  return series.filter((s) => s.values.some((v) => v !== null));
}

const promptOrder = (result: BenchResult) => [
  ...new Set(result.configurations.flatMap((c) => c.runs.map((r) => r.promptId))),
];

/** Median decode tok/s or TTFT per prompt (length-sweep prompts left to their own chart). */
export function perPromptChart(result: BenchResult, metric: 'decode' | 'ttft'): ChartData | null {
  const ids = promptOrder(result).filter((id) => !isSweep(id));
  if (ids.length === 0) return null;
  const read: Read = metric === 'decode' ? (r) => r.decodeTokensPerSecond : (r) => r.ttftMs;
  const series = seriesOf(result, ids, read);
  if (series.length === 0) return null;
  return {
    title:
      metric === 'decode' ? 'Decode speed per prompt (median)' : 'Time to first token per prompt (median)',
    yLabel: metric === 'decode' ? 'tokens/s' : 'ms',
    xLabel: 'prompt',
    x: ids.map((_, i) => i),
    xNames: ids,
    series,
  };
}

/** Median TTFT against prompt length over the length sweep's prompts, one line per configuration. */
export function lengthSweepChart(result: BenchResult): ChartData | null {
  const ids = promptOrder(result)
    .filter(isSweep)
    .sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  const series = seriesOf(result, ids, (r) => r.ttftMs);
  if (ids.length === 0 || series.length === 0) return null;
  return {
    title: 'Length sweep: time to first token by prompt length (median)',
    yLabel: 'ms',
    xLabel: 'prompt length (target tokens)',
    x: ids.map((id) => Number(id.slice(7))),
    series,
  };
}
