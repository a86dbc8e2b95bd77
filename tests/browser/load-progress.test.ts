import { describe, expect, it } from 'vitest';
import { useFaultHub } from './fault-hub';
import { loadHubModel, openIn } from './harness';

/** One reading of the overall bar, or of the stage line, as the page showed it. */
type Seen = { stage: string } | { loaded: number; total: number; value: number } | { unknown: true };

describe('load progress is honest', () => {
  // `slow`: the weights trickle in for several seconds after the first 40 MB, from a host with a listing.
  const hub = useFaultHub('progress', ({ mid }) => ({ 'faults/slow-progress': mid }), { mid: true });

  it('the overall bar knows the total from its first value, never goes back, and the stages come in order', async () => {
    const page = await openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
    // Record every value the bar and the stage line show, as they change.
    await page.evaluate(() => {
      const seen: Seen[] = [];
      (window as unknown as { __seen: Seen[] }).__seen = seen;
      let last = '';
      const read = () => {
        const stage = document.querySelector('[data-testid="load-stage"]')?.textContent ?? '';
        if (stage && stage !== last) seen.push({ stage: (last = stage) });
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="overall"]');
        if (!bar) return;
        const total = bar.dataset.total;
        const entry: Seen = total
          ? { loaded: Number(bar.dataset.loaded), total: Number(total), value: bar.value }
          : { unknown: true };
        if (JSON.stringify(seen.findLast((s) => !('stage' in s))) !== JSON.stringify(entry)) seen.push(entry);
      };
      new MutationObserver(read).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    await loadHubModel(page, 'faults/slow-progress');
    await page.getByTestId('loaded').waitFor();
    const seen = await page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);

    const bars = seen.filter((s): s is { loaded: number; total: number; value: number } => 'total' in s);
    expect(bars.length).toBeGreaterThan(3);
    // The total is the same from the first number shown to the last: every file was counted from the start.
    const total = bars[0]!.total;
    expect(total).toBeGreaterThan(60_000_000); // the weights (62 MB) are in it from the first value
    expect(bars.every((b) => b.total === total)).toBe(true);
    // Never backwards, and 100% only at the end.
    for (let i = 1; i < bars.length; i++) {
      expect(bars[i]!.loaded).toBeGreaterThanOrEqual(bars[i - 1]!.loaded);
      expect(bars[i]!.value).toBeGreaterThanOrEqual(bars[i - 1]!.value);
    }
    expect(bars.slice(0, -1).every((b) => b.value < 1)).toBe(true);
    // Before the plan, the bar says nothing about a total (indeterminate), never a number.
    expect(seen.filter((s) => 'unknown' in s).every((s) => seen.indexOf(s) < seen.indexOf(bars[0]!))).toBe(
      true,
    );

    const stages = seen.filter((s): s is { stage: string } => 'stage' in s).map((s) => s.stage);
    const order = ['Downloading', 'Preparing the model', 'Warming up'];
    const at = order.map((word) => stages.findIndex((s) => s.startsWith(word)));
    expect({ stages, at: at.every((i) => i >= 0) }).toEqual({ stages, at: true });
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // "Preparing" comes after the last byte: the bar was full when it showed.
    expect(bars.at(-1)!.value).toBe(1);

    await expect(page.getByTestId('load-times').textContent()).resolves.toMatch(
      /^Downloaded in .+ · prepared in .+ · warmed up in .+$/,
    );
    await page.close();
  });
});

describe('load progress from a plain static host', () => {
  // No listing API and no Access-Control-Expose-Headers: a page can read no Content-Range, so no size is known
  // before a file arrives.
  const hub = useFaultHub('progress-plain', ({ tiny }) => ({ 'plain/progress': tiny }));

  it('says which sizes are unknown instead of inventing a total, and the load still ends ready', async () => {
    hub.server.plain = true;
    const page = await openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
    await page.evaluate(() => {
      const labels: string[] = [];
      (window as unknown as { __labels: string[] }).__labels = labels;
      new MutationObserver(() => {
        const text = document.querySelector('label[for="overall"]')?.textContent?.replace(/\s+/g, ' ').trim();
        if (text && text !== labels.at(-1)) labels.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await loadHubModel(page, 'plain/progress');
    await page.getByTestId('loaded').waitFor();
    const labels = await page.evaluate(() => (window as unknown as { __labels: string[] }).__labels);
    expect(labels.some((l) => /file\(s\) of unknown size still coming/.test(l))).toBe(true);
    await page.close();
  });
});
