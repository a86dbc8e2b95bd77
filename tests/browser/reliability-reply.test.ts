import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp } from './harness';
import { injectFault } from './reliability-faults';

describe('a reply that fails mid-generation leaves the engine usable', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('the engine reloads its model itself, says so, and the next message gets a reply', async () => {
    const { page, context, errors } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'fp32');
    await page.getByLabel('Max new tokens').fill('5');
    await chat(page, 'First question');

    const modelFiles: string[] = [];
    await context.route('**/models/selftest/onnx/**', (route) => {
      modelFiles.push(route.request().url());
      return route.continue();
    });
    await injectFault(page, 'throw-in-reply');
    const failed = await chat(page, 'This reply breaks', { wait: false });
    const alert = failed.getByRole('alert');
    await expect.poll(() => alert.count(), { timeout: 120_000 }).toBe(1);
    await expect(alert.textContent()).resolves.toMatch(
      /Generating the reply failed\. The engine reloaded the model.*test fault: the reply failed/,
    );
    await expect(failed.getAttribute('aria-busy')).resolves.toBe('false');
    // No restart was needed: the model is still ready, and the reload read the store, not the network.
    await expect(page.getByTestId('engine-stopped').count()).resolves.toBe(0);
    await expect(page.getByTestId('loaded').count()).resolves.toBe(1);
    expect(modelFiles).toEqual([]);

    const next = await chat(page, 'And now?');
    await expect(next.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
    expect(errors).toEqual([]);
  });
});
