// Devices side by side (issue 10): three result files from three devices, imported together, picked with
// the keyboard, compared in one table with each device's ratio; the one with another precision flagged.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDevices } from '../../workers/bench/compare-devices';
import { ratioText } from '../../workers/bench/format';
import { recomputeResult } from '../../workers/bench/summarize';
import { DEVICES, deviceResult } from './device-results';
import { launch, openApp } from './harness';

describe('devices side by side', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('compares three imported results in one table and flags the one with another precision', async () => {
    const { page, errors } = await openApp(browser);
    await page.getByRole('button', { name: 'Benchmark' }).click();
    const results = DEVICES.map(deviceResult);
    // A forged stored ratio: the table must show the one recomputed from the runs instead.
    const files = results.map((result, i) => {
      const forged = structuredClone(result);
      const ratio = forged.comparisons[0]?.decodeSpeedRatio;
      if (ratio) ratio.ratio = 100;
      const name = DEVICES[i]?.file ?? `${i}.json`;
      return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(forged)) };
    });
    await page.getByLabel(/Import earlier results/).setInputFiles(files);
    const picker = page.getByTestId('compare-picker').getByRole('checkbox');
    await expect.poll(() => picker.count(), { timeout: 30_000 }).toBe(3);

    // Picked with the keyboard: Space on the first, Tab to the next, and so on.
    await picker.first().focus();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Space');
      if (i < 2) await page.keyboard.press('Tab');
    }
    await expect(
      picker.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked)),
    ).resolves.toEqual([true, true, true]);

    const table = page.getByTestId('device-table');
    const columns = await table.getByTestId('device-column').allTextContents();
    expect(columns).toHaveLength(3);
    expect(columns.map((c) => c.split(',')[0])).toEqual(
      expect.arrayContaining(['Chrome 131 on macOS', 'Chrome 131 on Android', 'Edge 131 on Windows']),
    );
    for (const { file } of DEVICES) expect(columns.join(' ')).toContain(file);

    // Each device's own ratio, as the core computes it from that file's runs (not the forged 100×).
    const titles = await picker.evaluateAll((boxes) => boxes.map((b) => b.parentElement?.textContent ?? ''));
    const order = titles.map((t) => DEVICES.findIndex((d) => t.includes(d.file)));
    const expected = compareDevices(order.map((d) => ({ id: `${d}`, title: `${d}`, result: results[d]! })));
    const q4 = table.locator('tr[data-row-key="selftest|q4"]');
    const cells = await q4.getByTestId('device-cell').allTextContents();
    expect(cells).toHaveLength(3);
    expected.rows
      .find((r) => r.precision === 'q4')
      ?.cells.forEach((cell, i) => {
        if (cell) expect(cells[i]).toContain(`decode ${ratioText(cell.decode)}`);
        else expect(cells[i]).toContain('not run');
      });
    expect(cells.join(' ')).not.toContain('100.00×');

    // The q8 result is its own row, flagged and not compared with the q4 ones; the notes say why.
    await expect(q4.getAttribute('data-comparable')).resolves.toBe('true');
    await expect(q4.getByTestId('missing').textContent()).resolves.toMatch(/^Not run on Edge 131 on Windows/);
    const q8 = table.locator('tr[data-row-key="selftest|q8"]');
    await expect(q8.getAttribute('data-comparable')).resolves.toBe('false');
    await expect(q8.getByTestId('not-comparable').textContent()).resolves.toMatch(/run on one device only/);
    await expect(page.getByTestId('device-notes').textContent()).resolves.toMatch(
      /different precisions or models for selftest: .*Edge 131 on Windows, nvidia ampere GPU: q8/,
    );
    // What ran on each: adapters, threads, isolation.
    const facts = await table.locator('tbody.facts').textContent();
    for (const text of ['apple metal-3', 'arm valhall', 'nvidia ampere', '1 of 8', '8 of 10'])
      expect(facts).toContain(text);
    // On a phone the table scrolls in its own box; the page does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const html = () => page.evaluate(() => document.documentElement.scrollWidth);
    await expect(html()).resolves.toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  });

  it('compares results saved in this browser’s history, recomputed from their runs', async () => {
    const { page, errors } = await openApp(browser);
    const saved = DEVICES.slice(0, 2).map((d, i) => {
      const result = deviceResult(d);
      const ratio = result.comparisons[0]?.decodeSpeedRatio;
      if (ratio) ratio.ratio = 100; // a stale stored figure: the table must not show it
      return { id: `saved-${i}`, savedAt: Date.parse(d.createdAt), result };
    });
    // The history's own database (src/lib/bench/history.ts), written as a finished benchmark would be.
    await page.evaluate(async (entries) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('llm-bench-history');
        open.onupgradeneeded = () => open.result.createObjectStore('runs');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('runs', 'readwrite');
      for (const entry of entries) tx.objectStore('runs').put(entry, entry.id);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = reject;
      });
      db.close();
    }, saved);
    await page.reload();
    await page.getByRole('button', { name: 'Benchmark' }).click();
    const picker = page.getByTestId('compare-picker').getByRole('checkbox');
    await expect.poll(() => picker.count(), { timeout: 30_000 }).toBe(2);
    await expect(page.getByTestId('compare-picker').textContent()).resolves.toMatch(/saved in this browser/);
    for (let i = 0; i < 2; i++) await picker.nth(i).check();

    const table = page.getByTestId('device-table');
    await expect(table.getByTestId('device-column').count()).resolves.toBe(2);
    const cells = await table
      .locator('tr[data-row-key="selftest|q4"]')
      .getByTestId('device-cell')
      .allTextContents();
    const recomputed = saved.map((s) => recomputeResult(s.result).comparisons[0]?.decodeSpeedRatio ?? null);
    expect(cells.map((c) => c.match(/decode ([\d.]+)×/)?.[1]).sort()).toEqual(
      recomputed.map((r) => r?.ratio.toFixed(2)).sort(),
    );
    expect(cells.join(' ')).not.toContain('100.00×');
    expect(errors).toEqual([]);
  });
});
