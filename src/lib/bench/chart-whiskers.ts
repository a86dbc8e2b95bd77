// A uPlot plugin that draws each point's 95% interval as a vertical whisker with caps, in its series'
// colour. uPlot has no error bars of its own; a draw hook over its canvas is the documented way to add them.
import uPlot from 'uplot';
import type { ChartColumns } from './chart-layout';

/** Whiskers from lows[s][k] to highs[s][k] at x[k], coloured colors[s]. */
export function whiskers(columns: ChartColumns, colors: readonly string[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const cap = 4 * uPlot.pxRatio;
        ctx.save();
        ctx.lineWidth = 1.5 * uPlot.pxRatio;
        columns.lows.forEach((lows, s) => {
          ctx.strokeStyle = colors[s] ?? '#000';
          ctx.beginPath();
          columns.x.forEach((x, k) => {
            const [low, high] = [lows[k], columns.highs[s]?.[k]];
            if (low === null || low === undefined || high === null || high === undefined) return;
            const px = u.valToPos(x, 'x', true);
            const [y1, y2] = [u.valToPos(low, 'y', true), u.valToPos(high, 'y', true)];
            ctx.moveTo(px, y1);
            ctx.lineTo(px, y2);
            for (const y of [y1, y2]) {
              ctx.moveTo(px - cap, y);
              ctx.lineTo(px + cap, y);
            }
          });
          ctx.stroke();
        });
        ctx.restore();
      },
    },
  };
}
