import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, choose, launch, loadSelfTest, openApp } from './harness';
import { injectFault } from './reliability-faults';

/** The device-lost box names the cause, never blames WebGPU on this device, and offers WASM. */
async function expectDeviceLost(page: Page) {
  const box = page.getByTestId('engine-stopped');
  await expect.poll(() => box.count(), { timeout: 120_000 }).toBe(1);
  const text = await box.textContent();
  expect(text).toMatch(/The GPU device was lost: \S/);
  expect(text).not.toMatch(/did not start on WebGPU|does not work/);
  await expect(page.getByRole('button', { name: 'Load', exact: true }).isEnabled()).resolves.toBe(true);
}

/** One click on "Continue on WASM" loads the same model on WASM, and a message gets a reply. */
async function continueOnWasm(page: Page) {
  await page.getByRole('button', { name: 'Continue on WASM' }).click();
  await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
  await expect(page.getByTestId('backend').textContent()).resolves.toBe('WASM');
  await expect(page.getByTestId('engine-stopped').count()).resolves.toBe(0);
  await page.getByLabel('Max new tokens').fill('3');
  const reply = await chat(page, 'Still there?');
  await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
}

describe('the WebGPU device is lost: the cause is named and WASM is one click away', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: true });
  });
  afterAll(() => browser?.close());

  it('during a reply: the conversation stays, and the chat goes on on WASM', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WebGPU', 'fp32');
    await expect(page.getByTestId('backend').textContent()).resolves.toBe('WebGPU');
    await page.getByLabel('Max new tokens').fill('2000');
    const reply = await chat(page, 'Write a very long story', { wait: false });
    await expect.poll(() => reply.locator('.content').textContent(), { timeout: 60_000 }).not.toBe('▍');
    await injectFault(page, 'lose-device');
    await expectDeviceLost(page);
    await expect(reply.getByRole('alert').textContent()).resolves.toMatch(/GPU device was lost.*cut off/);
    await expect(reply.getAttribute('aria-busy')).resolves.toBe('false');
    await continueOnWasm(page);
    const users = page.locator('article[data-role="user"] .content');
    await expect(users.allTextContents()).resolves.toEqual(['Write a very long story', 'Still there?']);
  });

  it('during a load (its warm-up): no model is claimed ready, and WASM loads it', async () => {
    const { page } = await openApp(browser);
    await injectFault(page, 'lose-device');
    await choose(page, { backend: 'WebGPU', dtype: 'fp32' });
    await expectDeviceLost(page);
    await expect(page.getByTestId('loaded').count()).resolves.toBe(0);
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);
    await continueOnWasm(page);
  });
});
