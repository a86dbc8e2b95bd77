import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, choose, launch, loadSelfTest, openApp } from './harness';

describe('each failure has its own message, and a new action clears the old one', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('a failed hub load, then a bad id, then a 5,000-character id: one current message each time', async () => {
    const { page, context } = await openApp(browser);
    const hubRequests: string[] = [];
    await context.route('https://huggingface.co/**', (route) => {
      hubRequests.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await page.getByLabel('Model', { exact: true }).selectOption('__other__');
    await page.getByLabel('Hub model id').fill('someone/unreachable-model');
    await choose(page, { model: '__other__', backend: 'WASM' });
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(/could not be downloaded/);

    await page.getByLabel('Hub model id').fill('not a model id');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(page.getByTestId('load-problem').textContent()).resolves.toMatch(
      /not a Hugging Face model id/,
    );
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);

    const requestsBefore = hubRequests.length;
    await page.getByLabel('Hub model id').fill(`someone/${'m'.repeat(4990)}`);
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    const problem = page.getByTestId('load-problem');
    await expect(problem.textContent()).resolves.toMatch(/4,998 characters long.*at most 96/);
    await expect(problem.textContent()).resolves.not.toMatch(/JSON/);
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);
    expect(hubRequests.length).toBe(requestsBefore);

    // And the app still loads and chats.
    await loadSelfTest(page, 'WASM', 'q4');
    await expect(page.getByTestId('load-problem').count()).resolves.toBe(0);
    await page.getByLabel('Max new tokens').fill('3');
    const reply = await chat(page, 'Hello');
    await expect(reply.getByTestId('reply-stats').count()).resolves.toBe(1);
  });
});
