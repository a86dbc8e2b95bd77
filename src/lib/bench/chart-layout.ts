// A ChartData as uPlot's aligned columns. Prompts are categories, so each configuration's point sits a
// little left or right of its prompt (grouped, like bars) and nothing joins one prompt to the next.
import { plottedValues, type ChartData, type ChartPoint } from './chart-data';

type Read = (p: ChartPoint) => number | null;
type Slot = { x: number; i: number; s: number | null };

/** uPlot columns: shared x, then per series its values, interval lows and highs (null where none). */
export interface ChartColumns {
  x: number[];
  values: (number | null)[][];
  lows: (number | null)[][];
  highs: (number | null)[][];
  /** The y range to show: every whisker inside, from 0 on a linear axis. */
  yRange: [number, number];
}

/** Offsets of `count` series around a category's centre, at most 0.6 wide in all. */
export function groupOffsets(count: number): number[] {
  const step = Math.min(0.2, 0.6 / Math.max(1, count));
  return Array.from({ length: count }, (_, s) => (s - (count - 1) / 2) * step);
}

function yRange(chart: ChartData): [number, number] {
  const all = plottedValues(chart.series);
  if (all.length === 0) return [0, 1];
  const [min, max] = [Math.min(...all), Math.max(...all)];
  // NOTE: a log axis from one power of 10 to another, so its end ticks read 1, 10, 1,000 (not 1.149).
  const decade = (v: number, round: (x: number) => number) => 10 ** round(Math.log10(v));
  return chart.logY ? [decade(min, Math.floor), decade(max, Math.ceil)] : [0, max * 1.1];
}

/** The columns uPlot draws: grouped by category on a categorical axis, as they are on a numeric one. */
export function chartColumns(chart: ChartData): ChartColumns {
  const offsets = groupOffsets(chart.series.length);
  // A slot is one x position: on a categorical axis it belongs to one series (s), else to all (null).
  const slots = chart.xNames
    ? chart.x.flatMap((x, i) => offsets.map((o, s): Slot => ({ x: x + o, i, s })))
    : chart.x.map((x, i): Slot => ({ x, i, s: null }));
  const column = (read: Read) =>
    chart.series.map((series, s) =>
      slots.map((slot) => {
        const p = slot.s === null || slot.s === s ? series.points[slot.i] : null;
        return p ? read(p) : null;
      }),
    );
  return {
    x: slots.map((slot) => slot.x),
    values: column((p) => p.value),
    lows: column((p) => p.ci95?.low ?? null),
    highs: column((p) => p.ci95?.high ?? null),
    yRange: yRange(chart),
  };
}

/** Runs of consecutive indices where both ends of an interval exist: each is drawn as one band. */
export function bandSegments(
  lows: readonly (number | null)[],
  highs: readonly (number | null)[],
): number[][] {
  const segments: number[][] = [];
  let current: number[] = [];
  lows.forEach((low, k) => {
    if (low !== null && highs[k] !== null && highs[k] !== undefined) current.push(k);
    else if (current.length) {
      segments.push(current);
      current = [];
    }
  });
  if (current.length) segments.push(current);
  return segments;
}
