import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, choose, launch, loadSelfTest, openApp } from './harness';
import { stall, trackEngineWorkers } from './reliability-faults';

type Tracked = Window & { __engineWorkers?: Worker[] };
const workersStarted = (page: Page) => page.evaluate(() => (window as Tracked).__engineWorkers?.length ?? 0);

async function stillChats(page: Page, dtype: string) {
  await expect(page.getByTestId('loaded').textContent()).resolves.toContain(dtype);
  await page.getByLabel('Max new tokens').fill('3');
  const reply = await chat(page, 'Still working?');
  await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
}

/** Twenty clicks on Load within one task: all of them arrive before the button can turn disabled. */
async function clickLoadTwentyTimes(page: Page) {
  await page.evaluate(() => {
    const load = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Load');
    for (let i = 0; i < 20; i++) load?.click();
  });
}

describe('loads replace the ready model only when they succeed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('a broken model fails to load and the ready one still chats', async () => {
    const { page, context } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await context.route('**/models/selftest/onnx/model.onnx', (route) =>
      route.fulfill({ status: 200, body: 'this is not an ONNX model' }),
    );
    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    await page.getByTestId('load-error').waitFor({ timeout: 120_000 });
    await expect(page.getByRole('button', { name: 'Send' }).isEnabled()).resolves.toBe(true);
    await stillChats(page, 'q4');
  });

  it('Load clicked twenty times at once ends in one load and one ready model', async () => {
    const { page, errors } = await openApp(browser, { initScript: trackEngineWorkers });
    await page.getByLabel('Model', { exact: true }).selectOption('selftest');
    await page.getByLabel('WASM', { exact: true }).check();
    await page.getByLabel('Precision').selectOption('q4');
    await clickLoadTwentyTimes(page);
    await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
    // The worker that probed the device took the load; no second one was started.
    await expect(workersStarted(page)).resolves.toBe(1);
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);

    await clickLoadTwentyTimes(page);
    await expect.poll(() => page.getByTestId('load-progress').count(), { timeout: 120_000 }).toBe(0);
    await expect(workersStarted(page)).resolves.toBe(2);
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);
    await stillChats(page, 'q4');
    expect(errors).toEqual([]);
  });

  it('Cancel ends a running load; the model that was ready stays, and Send waits while loading', async () => {
    const { page, context } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    const weights = await stall(context, '**/models/selftest/onnx/model.onnx');
    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    await weights.waitForRequest();
    await expect(page.getByRole('button', { name: 'Send' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(/cancelled/);
    await expect(page.getByRole('button', { name: 'Load', exact: true }).isEnabled()).resolves.toBe(true);
    await weights.release();
    await stillChats(page, 'q4');
    // A new action clears the old message.
    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    await expect.poll(() => page.getByTestId('loaded').textContent(), { timeout: 120_000 }).toMatch(/fp32/);
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);
    await stillChats(page, 'fp32');
  });

  it('Stop pressed twice ends the reply once, and the next message works', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('4000');
    const reply = await chat(page, 'A long story, please', { wait: false });
    await expect.poll(() => reply.locator('.content').textContent(), { timeout: 60_000 }).not.toBe('▍');
    const stop = page.getByRole('button', { name: 'Stop' });
    await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Stop');
      button?.click();
      button?.click();
    });
    await reply.getByTestId('reply-stats').waitFor({ timeout: 60_000 });
    await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/stopped$/);
    await expect(stop.isDisabled()).resolves.toBe(true);
    await stillChats(page, 'q4');
  });
});
