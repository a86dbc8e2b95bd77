import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp, openModelPanel } from './harness';
import { killWorkerNamed, stall, trackEngineWorkers } from './reliability-faults';

/** Plans a WASM-only self-test-model benchmark in the Benchmark view and starts it. */
async function startBenchmark(page: Page, repetitions: number, newTokens: number, dtypes = ['fp32']) {
  await page.getByRole('button', { name: 'Benchmark' }).click();
  const view = page.getByRole('region', { name: 'Benchmark', exact: true });
  await view.getByLabel('Self-test model (random weights)').check();
  await view.getByLabel('WebGPU', { exact: true }).uncheck();
  await view.getByLabel('WASM', { exact: true }).check();
  for (const dtype of dtypes) await view.getByLabel(`${dtype} on WASM`).check();
  await view.getByRole('button', { name: 'None of the prompt suite' }).click();
  await view.getByLabel('~16 prompt tokens').check();
  await view.getByLabel('Repetitions').fill(String(repetitions));
  await view.getByLabel('New tokens per run').fill(String(newTokens));
  await view.getByLabel('Warm-up runs').fill('1');
  await page.getByRole('button', { name: 'Start benchmark' }).click();
}

const benchMessage = (page: Page) =>
  expect.poll(
    () =>
      page
        .getByTestId('bench-message')
        .textContent()
        .catch(() => ''),
    { timeout: 170_000 },
  );

describe('the chat and a benchmark never compute at the same time', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('while another tab benchmarks, Load and Send wait and say why; afterwards the chat works', async () => {
    const { page, context } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    const other = await context.newPage();
    await other.goto(page.url());
    await startBenchmark(other, 100, 256);

    const waits = page.getByTestId('send-waits');
    await expect.poll(() => waits.count(), { timeout: 30_000 }).toBe(1);
    await expect(waits.textContent()).resolves.toMatch(/benchmark is running/);
    await expect(page.getByTestId('load-waits').textContent()).resolves.toMatch(/benchmark is running/);
    await expect(page.getByRole('button', { name: 'Send' }).isDisabled()).resolves.toBe(true);
    await openModelPanel(page); // closed since the model became ready
    await expect(page.getByRole('button', { name: 'Load', exact: true }).isDisabled()).resolves.toBe(true);
    // Enter gets no further: the engine refuses while the benchmark holds the device.
    await page.getByLabel('Message').fill('Sneaking in');
    await page.getByLabel('Message').press('Enter');
    await expect
      .poll(() => page.locator('article[data-role="assistant"] [role="alert"]').textContent(), {
        timeout: 30_000,
      })
      .toMatch(/benchmark is running/);

    await other.getByRole('button', { name: 'Stop benchmark' }).click();
    await benchMessage(other).toMatch(/stopped|partial/i);
    await expect.poll(() => waits.count(), { timeout: 30_000 }).toBe(0);
    await page.getByLabel('Max new tokens').fill('3');
    const reply = await chat(page, 'Back to chatting');
    await expect(reply.getByTestId('reply-stats').count()).resolves.toBe(1);
  });

  it('a benchmark started during a reply waits for the reply to finish', async () => {
    const { page } = await openApp(browser, { initScript: trackEngineWorkers });
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('4000');
    const reply = await chat(page, 'A long story, please', { wait: false });
    await expect.poll(() => reply.locator('.content').textContent(), { timeout: 60_000 }).not.toBe('▍');
    await startBenchmark(page, 1, 8);
    // The benchmark has begun (its Start button is disabled) but is waiting for the reply.
    await expect(page.getByRole('button', { name: 'Start benchmark' }).isDisabled()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Chat' }).click();
    // In this tab too, Load says why it waits while the benchmark has the device.
    await expect(page.getByTestId('load-waits').textContent()).resolves.toMatch(/benchmark is running/);
    await openModelPanel(page);
    await expect(page.getByRole('button', { name: 'Load', exact: true }).isDisabled()).resolves.toBe(true);
    // Note in the page the moment the reply's stats line appears (the reply has ended by then).
    await page.evaluate(() => {
      const w = window as Window & { __replyEnded?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="reply-stats"]')) return;
        w.__replyEnded = performance.now();
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true });
    });
    await page.getByRole('button', { name: 'Stop' }).click();
    await reply.getByTestId('reply-stats').waitFor({ timeout: 60_000 });
    await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/stopped$/);
    const replyEnded = await page.evaluate(
      () => (window as Window & { __replyEnded?: number }).__replyEnded ?? Infinity,
    );
    await page.getByRole('button', { name: 'Benchmark' }).click();
    await benchMessage(page).toMatch(/finished/);
    const started = await page.evaluate(
      () => (window as Window & { __workersStarted?: { name: string; at: number }[] }).__workersStarted ?? [],
    );
    const benchWorkers = started.filter((w) => /^bench (wasm|webgpu)/.test(w.name));
    expect(benchWorkers.length).toBeGreaterThan(0);
    // Every benchmark engine started only after the reply had ended.
    for (const worker of benchWorkers) expect(worker.at).toBeGreaterThan(replyEnded);
  });
});

describe('benchmark runs that overlapped other model work anyway are void', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('a tab that ignores the device lock loads and chats during a benchmark: those runs are void', async () => {
    const { page, context } = await openApp(browser);
    const rogue = await context.newPage();
    // This tab has no Web Locks, so its chat neither waits for nor sees the benchmark.
    await rogue.addInitScript(() => Object.defineProperty(navigator, 'locks', { value: undefined }));
    await rogue.goto(page.url());
    await startBenchmark(page, 40, 64);
    await expect
      .poll(() => page.getByTestId('bench-status').textContent(), { timeout: 120_000 })
      .toMatch(/repetition/);
    await loadSelfTest(rogue, 'WASM', 'q4');
    await rogue.getByLabel('Max new tokens').fill('16');
    const reply = await chat(rogue, 'Sneaking in');
    await expect(reply.getByTestId('reply-stats').count()).resolves.toBe(1);
    await benchMessage(page).toMatch(/\S/);
    const row = page.locator('tr[data-config-key="selftest|wasm|fp32"]');
    await expect(row.textContent()).resolves.toMatch(/[1-9]\d* void/);
    await expect(row.textContent()).resolves.toMatch(/void: other model work ran during it/);
  });
});

describe('a benchmark engine that dies', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('marks its configuration crashed and the benchmark goes on with the others', async () => {
    const { page, context } = await openApp(browser, { initScript: trackEngineWorkers });
    // The fp32 engine is killed while its weights download (it is running by then, as a crash finds it).
    const weights = await stall(context, '**/models/selftest/onnx/model.onnx');
    await startBenchmark(page, 1, 8, ['fp32', 'q4']);
    const view = page.getByRole('region', { name: 'Benchmark', exact: true });
    await weights.waitForRequest();
    await expect(killWorkerNamed(page, /^bench wasm fp32$/)).resolves.toBe('bench wasm fp32');
    await weights.release();
    await benchMessage(page).toMatch(/\S/);
    const row = (d: string) => view.locator(`tr[data-config-key="selftest|wasm|${d}"]`);
    await expect(row('fp32').getAttribute('data-status')).resolves.toBe('crashed');
    await expect(row('q4').getAttribute('data-status')).resolves.toBe('ok');
  });
});
