import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp } from './harness';

const ids = async (reply: Locator) => (await reply.getAttribute('data-token-ids')) ?? '';
const settings = (page: Page) => page.getByTestId('generation-settings');

async function openSettings(page: Page) {
  const panel = settings(page);
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  return panel;
}

/** Sets the sampling controls as a person would; `seed: ''` empties the seed. */
async function sampling(page: Page, on: boolean, values: Record<string, string> = {}) {
  const panel = await openSettings(page);
  await panel.getByLabel('Sampling').setChecked(on);
  for (const [label, value] of Object.entries(values))
    await panel.getByLabel(label, { exact: true }).fill(value);
}

describe('generation settings with the self-test model on WASM', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('samples reproducibly with a seed, stays greedy when sampling is off, and a system prompt reaches the prompt', async () => {
    const { page, errors } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'fp32');
    await page.getByLabel('Max new tokens').fill('24');
    // The self-test model's generation_config.json says nothing of sampling: greedy by default.
    const panel = await openSettings(page);
    await expect(panel.getByLabel('Sampling').isChecked()).resolves.toBe(false);

    const greedy = await ids(await chat(page, 'Hello there'));
    expect(greedy.split(',')).toHaveLength(24);
    await page.getByRole('button', { name: 'New chat' }).click();

    await sampling(page, true, { Temperature: '1.5', 'Top-p': '1', 'Top-k': '0', Seed: '1234' });
    const seeded = await ids(await chat(page, 'Hello there'));
    await page.getByRole('button', { name: 'New chat' }).click();
    const again = await ids(await chat(page, 'Hello there'));
    await page.getByRole('button', { name: 'New chat' }).click();
    expect(seeded).not.toBe(greedy);
    expect(again).toBe(seeded);

    await sampling(page, true, { Seed: '99' });
    const otherSeed = await ids(await chat(page, 'Hello there'));
    await page.getByRole('button', { name: 'New chat' }).click();
    expect(otherSeed).not.toBe(seeded);

    // Top-k 1 leaves only the most likely token to draw: the sampler must then agree with greedy.
    await sampling(page, true, { 'Top-k': '1' });
    const topOne = await ids(await chat(page, 'Hello there'));
    await page.getByRole('button', { name: 'New chat' }).click();
    expect(topOne).toBe(greedy);

    // Back to greedy after sampled runs: the same reply as the first (nothing of the sampling stays).
    await sampling(page, false);
    const greedyAgain = await chat(page, 'Hello there');
    expect(await ids(greedyAgain)).toBe(greedy);
    const plainPrompt = Number(await greedyAgain.getAttribute('data-prompt-tokens'));
    await page.getByRole('button', { name: 'New chat' }).click();

    await panel.getByLabel('System prompt').fill('You are a terse assistant.');
    const withSystem = await chat(page, 'Hello there');
    expect(Number(await withSystem.getAttribute('data-prompt-tokens'))).toBeGreaterThan(plainPrompt);
    expect(await ids(withSystem)).not.toBe('');
    expect(errors).toEqual([]);
  });

  it('explains bad values and refuses to send until they are fixed', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await sampling(page, true, { Temperature: '0', 'Top-p': '1.5' });
    const problems = page.getByTestId('settings-problems');
    await expect(problems.textContent()).resolves.toMatch(/Temperature must be a number greater than 0/);
    await expect(problems.textContent()).resolves.toMatch(
      /Top-p must be a number greater than 0 and at most 1/,
    );
    await expect(page.getByRole('button', { name: 'Send' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('Message').fill('Hi');
    await page.getByLabel('Message').press('Enter');
    await expect(page.getByTestId('chat-notice').textContent()).resolves.toMatch(
      /^Generation settings: Temperature/,
    );
    await expect(page.locator('article').count()).resolves.toBe(0);

    await sampling(page, true, { Temperature: '0.8', 'Top-p': '0.9' });
    await expect(problems.count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Send' }).isDisabled()).resolves.toBe(false);
  });

  it('keeps the settings per model across a reload, and resets them to the model defaults', async () => {
    const { context, page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await sampling(page, true, { Temperature: '0.6', 'Top-k': '7', Seed: '42' });
    await (await openSettings(page)).getByLabel('System prompt').fill('Speak like a pirate.');

    await page.reload();
    await expect
      .poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await loadSelfTest(page, 'WASM', 'q4');
    const panel = await openSettings(page);
    await expect(panel.getByLabel('Sampling').isChecked()).resolves.toBe(true);
    await expect(panel.getByLabel('Temperature').inputValue()).resolves.toBe('0.6');
    await expect(panel.getByLabel('Top-k').inputValue()).resolves.toBe('7');
    await expect(panel.getByLabel('Seed').inputValue()).resolves.toBe('42');
    await expect(panel.getByLabel('System prompt').inputValue()).resolves.toBe('Speak like a pirate.');
    // Kept under this model's id only.
    const keys = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.includes('generation-settings')),
    );
    expect(keys).toEqual(['llm-bench:generation-settings:selftest']);

    await panel.getByRole('button', { name: /Reset to the model/ }).click();
    await expect(panel.getByLabel('Sampling').isChecked()).resolves.toBe(false);
    await expect(panel.getByLabel('Temperature').inputValue()).resolves.toBe('1');
    await expect(panel.getByLabel('Top-k').inputValue()).resolves.toBe('50');
    await expect(panel.getByLabel('Seed').inputValue()).resolves.toBe('');
    await expect(panel.getByLabel('System prompt').inputValue()).resolves.toBe('');
    await context.close();
  });

  it('regenerates the last reply in its place, and copies a reply', async () => {
    const { context, page } = await openApp(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('16');
    await sampling(page, true, { Temperature: '1.5', 'Top-k': '0', 'Top-p': '1', Seed: '' });
    await chat(page, 'First question');
    const first = await chat(page, 'Second question');
    const before = await ids(first);
    const replies = page.locator('article[data-role="assistant"]');
    // Only the last reply offers Regenerate.
    await expect(replies.nth(0).getByRole('button', { name: 'Regenerate' }).count()).resolves.toBe(0);

    await first.getByRole('button', { name: 'Regenerate' }).click();
    const last = replies.nth(1);
    await expect.poll(() => last.getByTestId('reply-stats').count(), { timeout: 120_000 }).toBe(1);
    await expect(replies.count()).resolves.toBe(2);
    await expect(page.locator('article[data-role="user"]').count()).resolves.toBe(2);
    // An unseeded draw: a new reply, not the old one kept.
    expect(await ids(last)).not.toBe(before);

    const copy = last.getByRole('button', { name: 'Copy' });
    await copy.click();
    await expect(last.getByRole('button', { name: 'Copied' }).count()).resolves.toBe(1);
    // The clipboard holds the answer exactly as the model wrote it (the Raw text view), not as rendered.
    await last.getByRole('button', { name: 'Raw text' }).click();
    const text = await last.getByTestId('reply-raw').textContent();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(text);
    await context.close();
  });
});
