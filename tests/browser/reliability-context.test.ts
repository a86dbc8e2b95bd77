import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp } from './harness';

const send = () => ({ name: 'Send' }) as const;

async function replies(page: Page) {
  await page.getByLabel('Max new tokens').fill('3');
  const reply = await chat(page, 'A normal message');
  await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
  return reply;
}

describe('prompts are fitted to the context before generating', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('refuses one message too long for the context with the counts, then replies to a normal one', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    const replies0 = page.locator('article[data-role="assistant"]');
    await page.getByLabel('Message').fill('x'.repeat(30_000));
    await page.getByLabel('Message').press('Enter');
    const refused = replies0.first().getByRole('alert');
    await refused.waitFor({ timeout: 120_000 });
    // The self-test model's context is 4,096 tokens (scripts/test-model: max_position_embeddings).
    await expect(refused.textContent()).resolves.toMatch(
      /This message is [\d,]+ tokens .* context is 4,096 tokens, and 256 are kept for the reply, which leaves 3,840/,
    );
    await expect(replies0.first().getByTestId('reply-stats').count()).resolves.toBe(0);
    // The refused message is not sent again: the next reply leaves nothing out.
    const reply = await replies(page);
    await expect(reply.getByTestId('reply-notice').count()).resolves.toBe(0);
  });

  it('leaves the oldest turns out of a conversation longer than a context limit, and says so', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Context limit').fill('64');
    await page.getByLabel('Max new tokens').fill('3');
    for (const text of ['one two three four five six', 'seven eight nine ten eleven', 'twelve thirteen'])
      await chat(page, text);
    const last = await chat(page, 'fourteen fifteen sixteen seventeen');
    await expect(last.getByTestId('reply-notice').textContent()).resolves.toMatch(
      /^\d+ earlier turns? left out to fit 64 tokens\.$/,
    );
    await expect(page.locator('article[data-role="user"]').count()).resolves.toBe(4);
  });

  it('checks max new tokens where it is typed: empty, 0, -5 and 2.5 are refused and Send waits', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Message').fill('Hello');
    for (const bad of ['', '0', '-5', '2.5', '5000']) {
      await page.getByLabel('Max new tokens').fill(bad);
      await expect(page.getByTestId('limit-problem').textContent()).resolves.toBe(
        'Max new tokens must be a whole number from 1 to 4,096 (the context).',
      );
      await expect(page.getByRole('button', send()).isDisabled()).resolves.toBe(true);
      // Enter does not get round it either.
      await page.getByLabel('Message').press('Enter');
      await expect(page.locator('article').count()).resolves.toBe(0);
      await expect(page.getByLabel('Message').inputValue()).resolves.toBe('Hello');
    }
    await replies(page);
    await expect(page.getByTestId('limit-problem').count()).resolves.toBe(0);
  });
});
