// A uPlot plugin that shades each series' 95% interval as a band along a numeric x axis (the length
// sweep), under the lines. uPlot's own bands fill between two series, which would need a low and a high
// series per configuration in the legend and the cursor; a draw hook shades the same area without them.
import uPlot from 'uplot';
import { bandSegments, type ChartColumns } from './chart-layout';

/** Bands from lows[s] to highs[s] along x, in colors[s] at low opacity; gaps where a point has none. */
export function bands(columns: ChartColumns, colors: readonly string[]): uPlot.Plugin {
  return {
    hooks: {
      // NOTE: drawAxes runs before the series are drawn, so the bands lie under the lines and points.
      drawAxes: (u) => {
        const { ctx } = u;
        ctx.save();
        ctx.globalAlpha = 0.18;
        columns.lows.forEach((lows, s) => {
          const highs = columns.highs[s] ?? [];
          ctx.fillStyle = colors[s] ?? '#000';
          for (const segment of bandSegments(lows, highs)) {
            // NOTE: a lone point's interval is drawn 4 px wide, so it shows instead of vanishing.
            const pad = segment.length === 1 ? 2 * uPlot.pxRatio : 0;
            const edge = (ks: number[], ends: readonly (number | null)[], dir: number) =>
              ks.flatMap((k) => {
                const [x, y] = [
                  u.valToPos(columns.x[k] ?? 0, 'x', true),
                  u.valToPos(ends[k] ?? 0, 'y', true),
                ];
                return pad
                  ? [
                      [x - dir * pad, y],
                      [x + dir * pad, y],
                    ]
                  : [[x, y]];
              });
            const outline = [...edge(segment, highs, 1), ...edge([...segment].reverse(), lows, -1)];
            ctx.beginPath();
            outline.forEach(([x, y], i) =>
              i === 0 ? ctx.moveTo(x ?? 0, y ?? 0) : ctx.lineTo(x ?? 0, y ?? 0),
            );
            ctx.closePath();
            ctx.fill();
          }
        });
        ctx.restore();
      },
    },
  };
}
