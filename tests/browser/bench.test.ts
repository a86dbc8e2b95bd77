import { readFile } from 'node:fs/promises';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../workers/bench/result-schema';
import { validateResult } from '../../workers/bench/result-validate';
import { launch, openApp } from './harness';

interface Plan {
  backends?: ('WebGPU' | 'WASM')[];
  prompts: string[];
  repetitions: number;
  newTokens: number;
}

/** Opens the Benchmark view and fills a self-test-model (fp32) plan, as a person would. */
async function planSelfTest(
  page: Page,
  { backends = ['WebGPU', 'WASM'], prompts, repetitions, newTokens }: Plan,
) {
  await page.getByRole('button', { name: 'Benchmark' }).click();
  // NOTE: the chat's model panel sits beside the view, with controls of the same names.
  const view = page.getByRole('region', { name: 'Benchmark', exact: true });
  await view.getByLabel('Self-test model (random weights)').check();
  for (const backend of ['WebGPU', 'WASM'] as const) {
    const box = view.getByLabel(backend, { exact: true });
    if (backends.includes(backend)) {
      await box.check();
      await view.getByLabel(`fp32 on ${backend}`).check();
    } else await box.uncheck();
  }
  await view.getByRole('button', { name: 'None of the prompt suite' }).click();
  for (const prompt of prompts) await view.getByLabel(prompt).check();
  await view.getByLabel('Repetitions').fill(String(repetitions));
  await view.getByLabel('New tokens per run').fill(String(newTokens));
  await view.getByLabel('Warm-up runs').fill('1');
}

const start = (page: Page) => page.getByRole('button', { name: 'Start benchmark' }).click();

async function finished(page: Page, message: RegExp) {
  await expect
    .poll(
      () =>
        page
          .getByTestId('bench-message')
          .textContent()
          .catch(() => ''),
      { timeout: 170_000 },
    )
    .toMatch(message);
}

/** Clicks Export JSON in a result panel and reads the downloaded file in Node. */
async function exportJson(panel: Locator): Promise<unknown> {
  const [download]: [Download, void] = await Promise.all([
    panel.page().waitForEvent('download'),
    panel.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  return JSON.parse(await readFile((await download.path())!, 'utf8'));
}

const statusOf = (panel: Locator, key: string) =>
  panel.locator(`tr[data-config-key="${key}"] [data-testid="config-status"]`).textContent();

describe('benchmark on WebGPU (SwiftShader) and WASM', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: true });
  });
  afterAll(() => browser?.close());

  it('runs a two-prompt, two-repetition plan on both backends, charts it and exports valid JSON', async () => {
    const { page, errors } = await openApp(browser);
    await planSelfTest(page, {
      prompts: ['Short factual question', '~16 prompt tokens'],
      repetitions: 2,
      newTokens: 8,
    });
    await start(page);
    await finished(page, /finished/);

    const panel = page.getByTestId('bench-result').first();
    await expect(statusOf(panel, 'selftest|webgpu|fp32')).resolves.toBe('ok');
    await expect(statusOf(panel, 'selftest|wasm|fp32')).resolves.toBe('ok');
    await expect(panel.getByTestId('partial').count()).resolves.toBe(0);

    // Same answer: both prompts, identical greedy tokens on the two backends.
    const same = panel.getByTestId('same-answer');
    await expect(same.locator('tr[data-identical="true"]').count()).resolves.toBe(2);
    await expect(same.locator('tr[data-identical="false"]').count()).resolves.toBe(0);

    // Charts: decode and TTFT per prompt, and the length sweep; each drawn with both backends' colours.
    const charts = panel.getByTestId('bench-chart');
    await expect(charts.count()).resolves.toBe(3);
    await expect(charts.first().getAttribute('data-points')).resolves.toBe('2');
    await expect(charts.first().getByTestId('chart-table').locator('tbody tr').count()).resolves.toBe(1);
    const colours = await charts.first().evaluate((figure) => {
      const canvas = figure.querySelector('canvas')!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const near = (i: number, [r, g, b]: number[]) =>
        Math.abs(data[i]! - r!) < 16 && Math.abs(data[i + 1]! - g!) < 16 && Math.abs(data[i + 2]! - b!) < 16;
      let [blue, orange] = [0, 0];
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! < 200) continue;
        if (near(i, [0x24, 0x57, 0xc5])) blue++;
        if (near(i, [0xc5, 0x5a, 0x11])) orange++;
      }
      return { blue, orange };
    });
    expect(colours.blue).toBeGreaterThan(0);
    expect(colours.orange).toBeGreaterThan(0);

    // The answer first, every figure with its n, the panel titled by device and date.
    await expect(panel.getByTestId('answer').textContent()).resolves.toMatch(
      /^On this device .+ for selftest in fp32; (first token|no clear difference) .+\)\.$/,
    );
    await expect(panel.getByTestId('n').first().textContent()).resolves.toBe('4 runs');
    await expect(panel.getByTestId('result-title').textContent()).resolves.toMatch(
      /^Chrome \d+ on Linux, .+ · /,
    );
    // No horizontal scroll at 1280 px (the default viewport); the table still fits its box at 390 px.
    const overflowing = (selector: string) =>
      page.evaluate(
        (s) => [...document.querySelectorAll(s)].filter((e) => e.scrollWidth > e.clientWidth + 1).length,
        selector,
      );
    await expect(overflowing('html, [data-testid="bench-result"] .fit')).resolves.toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(overflowing('[data-testid="bench-result"] .fit')).resolves.toBe(0);
    await page.setViewportSize({ width: 1280, height: 720 });

    const json = await exportJson(panel);
    const checked = validateResult(json);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const result = json as BenchResult;
    expect(result.partial).toBe(false);
    expect(result.configurations.map((c) => [c.config.backend, c.status, c.runs.length])).toEqual([
      ['webgpu', 'ok', 4],
      ['wasm', 'ok', 4],
    ]);
    expect(result.configurations.flatMap((c) => c.runs.map((r) => r.newTokens))).toEqual(Array(8).fill(8));
    expect(result.environment.loaded?.map((l) => [l.requestedBackend, l.actualBackend])).toEqual([
      ['webgpu', 'webgpu'],
      ['wasm', 'wasm'],
    ]);
    expect(result.comparisons[0]?.prompts.every((p) => p.divergence.identical)).toBe(true);
    // The length sweep is plotted at the prompt tokens the runs had, not at the target (~16).
    const sweepTokens = new Set(
      result.configurations.flatMap((c) =>
        c.runs.filter((r) => r.promptId === 'length-16').map((r) => r.promptTokens),
      ),
    );
    expect(sweepTokens.size).toBe(1);
    const sweepRows = charts.last().getByTestId('chart-table').locator('tbody th');
    await expect(sweepRows.allTextContents()).resolves.toEqual([...sweepTokens].map(String));

    // Importing: a broken file is refused with readable errors, the exported one opens beside the first.
    const input = page.getByLabel(/Import earlier results/);
    await input.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"schemaVersion":1}'),
    });
    await expect(page.getByTestId('import-errors').textContent()).resolves.toMatch(/createdAt: missing/);
    await input.setInputFiles({
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(json)),
    });
    // NOTE: the import reads and validates the file asynchronously: poll, do not sample once.
    await expect
      .poll(() => page.locator('[data-testid="bench-result"][data-origin="imported"]').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await expect(page.getByTestId('import-errors').count()).resolves.toBe(0);

    // A hostile file: its ids are shown as text, never as HTML.
    const hostile = structuredClone(result);
    for (const c of hostile.configurations) c.config.modelId = '<img src=x onerror=alert(1)>';
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));
    await input.setInputFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(hostile)),
    });
    const imported = page.locator('[data-testid="bench-result"][data-origin="imported"]');
    await expect.poll(() => imported.count(), { timeout: 30_000 }).toBe(2);
    const shown = imported.first();
    await expect(shown.getByTestId('summary-table').textContent()).resolves.toContain(
      '<img src=x onerror=alert(1)>',
    );
    await expect(shown.locator('img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('stops halfway, keeps the finished runs marked partial, and keeps a second tab from starting', async () => {
    const { page, context } = await openApp(browser);
    await planSelfTest(page, {
      backends: ['WASM'],
      prompts: ['Short factual question'],
      repetitions: 100,
      newTokens: 128,
    });
    await start(page);
    const runNumber = async () =>
      Number((await page.getByTestId('bench-status').textContent())?.match(/Run (\d+) of/)?.[1] ?? 0);
    await expect.poll(runNumber, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);

    const other = await context.newPage();
    await other.goto(page.url());
    await planSelfTest(other, {
      backends: ['WASM'],
      prompts: ['Short factual question'],
      repetitions: 1,
      newTokens: 4,
    });
    await start(other);
    await expect(other.getByTestId('bench-message').textContent()).resolves.toMatch(
      /already running in another tab/,
    );

    await expect.poll(runNumber, { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
    await page.getByRole('button', { name: 'Stop benchmark' }).click();
    await finished(page, /Stopped/);
    const panel = page.getByTestId('bench-result').first();
    await expect(panel.getByTestId('partial').count()).resolves.toBe(1);
    await expect(statusOf(panel, 'selftest|wasm|fp32')).resolves.toBe('partial');
    const result = (await exportJson(panel)) as BenchResult;
    expect(result.partial).toBe(true);
    const runs = result.configurations[0]?.runs.length ?? 0;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThan(100);
  });

  it('marks the configuration that was running as crashed when the tab died mid-run', async () => {
    const { page, context } = await openApp(browser);
    await planSelfTest(page, {
      backends: ['WASM'],
      prompts: ['Short factual question'],
      repetitions: 100,
      newTokens: 128,
    });
    await start(page);
    await expect
      .poll(async () => (await page.getByTestId('bench-status').textContent()) ?? '', { timeout: 120_000 })
      .toMatch(/Run [2-9]\d* of/);
    await page.close();

    const reopened = await context.newPage();
    await reopened.goto(page.url());
    await reopened.getByRole('button', { name: 'Benchmark' }).click();
    await expect
      .poll(
        () =>
          reopened
            .getByTestId('bench-message')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toMatch(/stopped unexpectedly/);
    const panel = reopened.getByTestId('bench-result').first();
    await expect(statusOf(panel, 'selftest|wasm|fp32')).resolves.toBe('crashed');
    await expect(panel.getByTestId('partial').count()).resolves.toBe(1);
  });
});

describe('benchmark in a browser without WebGPU', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('reports WebGPU unavailable, runs WASM, and keeps the result in a deletable history', async () => {
    const { page } = await openApp(browser);
    await planSelfTest(page, { prompts: ['Short factual question'], repetitions: 1, newTokens: 8 });
    await start(page);
    await finished(page, /finished/);
    const panel = page.getByTestId('bench-result').first();
    await expect(statusOf(panel, 'selftest|webgpu|fp32')).resolves.toBe('unavailable');
    await expect(panel.locator('tr[data-config-key="selftest|webgpu|fp32"]').textContent()).resolves.toMatch(
      /WebGPU is not available/,
    );
    await expect(statusOf(panel, 'selftest|wasm|fp32')).resolves.toBe('ok');

    const history = page.getByTestId('bench-history').locator('li');
    await expect.poll(() => history.count(), { timeout: 30_000 }).toBe(1);
    await history
      .first()
      .getByRole('button', { name: /Delete/ })
      .click();
    await expect.poll(() => page.getByTestId('bench-history').count()).toBe(0);
    await expect.poll(() => page.getByTestId('bench-result').count()).toBe(0);
  });

  it('explains a plan that cannot run instead of starting it', async () => {
    const { page } = await openApp(browser);
    await planSelfTest(page, { backends: [], prompts: [], repetitions: 0, newTokens: 8 });
    await start(page);
    const problems = await page.getByTestId('plan-problems').textContent();
    expect(problems).toMatch(/at least one backend/);
    expect(problems).toMatch(/at least one prompt/);
    expect(problems).toMatch(/Repetitions must be a whole number from 1 to 100/);
    await expect(page.getByTestId('bench-status').count()).resolves.toBe(0);
  });
});
