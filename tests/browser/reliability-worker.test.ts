import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, choose, launch, loadSelfTest, openApp } from './harness';
import { killEngine, stall, throwInEngine, trackEngineWorkers } from './reliability-faults';

/** Model files fetched over the network (not from the model store) from now on. */
async function countModelRequests(context: BrowserContext) {
  const urls: string[] = [];
  await context.route('**/models/selftest/**', (route) => {
    urls.push(route.request().url());
    return route.continue();
  });
  return urls;
}

async function expectStopped(page: Page, message: RegExp) {
  const box = page.getByTestId('engine-stopped');
  await expect.poll(() => box.count(), { timeout: 30_000 }).toBe(1);
  await expect(box.textContent()).resolves.toMatch(message);
  // Nothing is left waiting: Load is offered again and no progress bar stays.
  await expect(page.getByRole('button', { name: 'Load', exact: true }).isEnabled()).resolves.toBe(true);
  await expect(page.getByTestId('load-progress').count()).resolves.toBe(0);
}

async function restartAndChat(page: Page) {
  await page.getByRole('button', { name: 'Restart' }).click();
  await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('engine-stopped').count()).resolves.toBe(0);
  await page.getByLabel('Max new tokens').fill('3');
  const reply = await chat(page, 'Are you back?');
  await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
}

describe('the engine worker dies: the app notices, says so, and restarts', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('during a load', async () => {
    const { page, context } = await openApp(browser, { initScript: trackEngineWorkers });
    const weights = await stall(context, '**/models/selftest/onnx/model.onnx');
    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    await weights.waitForRequest();
    await killEngine(page);
    await expectStopped(page, /engine stopped/);
    await expect(page.getByTestId('engine-stopped').textContent()).resolves.not.toMatch(/did not load/);
    await weights.release();
    await restartAndChat(page);
  });

  it('after an error the worker did not handle during a load: the cause is named', async () => {
    const { page, context } = await openApp(browser, { initScript: trackEngineWorkers });
    const weights = await stall(context, '**/models/selftest/onnx/model.onnx');
    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    await weights.waitForRequest();
    await throwInEngine(page);
    await expectStopped(page, /error it did not handle/);
    const box = page.getByTestId('engine-stopped');
    await expect(box.textContent()).resolves.not.toMatch(/did not load/);
    await expect(box.locator('code').textContent()).resolves.toMatch(/test fault: an error nobody handled/);
    await weights.release();
    await restartAndChat(page);
  });

  it('during a reply: the conversation stays, and Restart reloads the model from the store', async () => {
    const { page, context } = await openApp(browser, { initScript: trackEngineWorkers });
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'First question');
    const network = await countModelRequests(context);

    await page.getByLabel('Max new tokens').fill('4000');
    const reply = await chat(page, 'Write a very long story', { wait: false });
    await expect.poll(() => reply.locator('.content').textContent(), { timeout: 60_000 }).not.toBe('▍');
    await killEngine(page);
    await expectStopped(page, /engine stopped/);
    await expect(reply.getByRole('alert').textContent()).resolves.toMatch(/cut off/);
    await expect(reply.getAttribute('aria-busy')).resolves.toBe('false');
    await expect(page.getByRole('button', { name: 'Stop' }).isDisabled()).resolves.toBe(true);
    const users = page.locator('article[data-role="user"] .content');
    await expect(users.allTextContents()).resolves.toEqual(['First question', 'Write a very long story']);

    await restartAndChat(page);
    await expect(page.getByTestId('cache-summary').textContent()).resolves.toMatch(/came from this device/);
    expect(network.filter((u) => u.includes('/onnx/'))).toEqual([]);
    // The earlier turns are still there, and the new one follows them.
    await expect(users.count()).resolves.toBe(3);
  });
});
