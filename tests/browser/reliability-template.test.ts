import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, choose, launch, loadSelfTest, openApp } from './harness';

/** A chat template that spins through a huge loop before laying out the conversation. */
const LOOP = '{% for i in range(300000) %}{% endfor %}';

describe('a chat template that loops', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('is refused at load, before any weights are fetched, with a message; a good model then chats', async () => {
    const { page, context, errors } = await openApp(browser);
    const weights: string[] = [];
    await context.route('**/models/selftest/onnx/**', (route) => {
      weights.push(route.request().url());
      return route.continue();
    });
    const pattern = '**/models/selftest/tokenizer_config.json';
    await context.route(pattern, async (route) => {
      const response = await route.fetch();
      const config = (await response.json()) as { chat_template: string };
      expect(config.chat_template.length).toBeGreaterThan(0);
      await route.fulfill({ response, json: { ...config, chat_template: LOOP + config.chat_template } });
    });

    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    const error = page.getByTestId('load-error');
    await error.waitFor({ timeout: 120_000 });
    await expect(error.textContent()).resolves.toMatch(/chat template took [\d.]+ s .*Stop could not/);
    await expect(page.getByTestId('loaded').count()).resolves.toBe(0);
    expect(weights).toEqual([]);
    await expect(page.getByRole('button', { name: 'Load', exact: true }).isEnabled()).resolves.toBe(true);

    await context.unroute(pattern);
    await loadSelfTest(page, 'WASM', 'fp32');
    await expect(page.getByTestId('load-error').count()).resolves.toBe(0);
    await page.getByLabel('Max new tokens').fill('3');
    const reply = await chat(page, 'Hello');
    await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
    expect(errors).toEqual([]);
  });
});
