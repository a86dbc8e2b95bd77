import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THINKING_CHAT_TEMPLATE, thinkingTags } from '../../scripts/test-model/tokenizer-files';
import { chat, launch, loadSelfTest, openApp } from './harness';

const PROMPT = 'Hello there';

/**
 * Serves the self-test model as a thinking model: a Qwen3-like template, and `<think>`/`</think>` as added
 * tokens on two ids the model is known to write. The old spellings still encode to those ids, so the prompt
 * and the weights, hence the greedy reply's ids, stay the same; only their text becomes the tags.
 */
async function serveAsThinking(context: BrowserContext, open: number, close: number) {
  await context.route('**/models/selftest/tokenizer.json', async (route) => {
    const response = await route.fetch();
    const json = (await response.json()) as { added_tokens: object[] };
    json.added_tokens.push(...thinkingTags(open, close));
    await route.fulfill({ response, json });
  });
  await context.route('**/models/selftest/tokenizer_config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as object;
    await route.fulfill({ response, json: { ...config, chat_template: THINKING_CHAT_TEMPLATE } });
  });
}

describe('a thinking model (the self-test model with a Qwen3-like template)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('shows the thinking apart from the answer, counts it, and switches it off through the template', async () => {
    // The plain model's greedy reply: which ids to make the tags.
    const plain = await openApp(browser);
    await loadSelfTest(plain.page, 'WASM', 'fp32');
    await plain.page.getByLabel('Max new tokens').fill('24');
    const plainReply = await chat(plain.page, PROMPT);
    const ids = ((await plainReply.getAttribute('data-token-ids')) ?? '').split(',').map(Number);
    await expect(plain.page.getByTestId('thinking').count()).resolves.toBe(0);
    await expect(plain.page.getByRole('checkbox', { name: /^Thinking/ }).count()).resolves.toBe(0);
    await plain.context.close();
    const special = (id: number) => id >= 317;
    const open = ids[0]!;
    const at = ids.findIndex(
      (id, i) =>
        i >= 2 &&
        i < ids.length - 2 &&
        id !== open &&
        !special(id) &&
        !ids.slice(0, i).includes(id) &&
        !ids.slice(1, i).includes(open),
    );
    expect(special(open)).toBe(false);
    expect(at).toBeGreaterThan(0);

    const { context, page, errors } = await openApp(browser);
    await serveAsThinking(context, open, ids[at]!);
    await loadSelfTest(page, 'WASM', 'fp32');
    await page.getByLabel('Max new tokens').fill('24');
    await page.getByTestId('generation-settings').locator('summary').click();
    const toggle = page.getByRole('checkbox', { name: /^Thinking/ });
    await expect(toggle.isChecked()).resolves.toBe(true);

    const reply = await chat(page, PROMPT);
    expect(await reply.getAttribute('data-token-ids')).toBe(ids.join(','));
    const thinking = reply.getByTestId('thinking');
    await expect(thinking.locator('summary').textContent()).resolves.toBe(`Thought for ${at + 1} tokens`);
    await expect(thinking.getAttribute('open')).resolves.toBeNull();
    // The tags frame the thinking and stay out of both parts (the answer may write the ids again: then as text).
    const thought = (await thinking.locator('.text').textContent()) ?? '';
    const answer = (await reply.locator('.content').textContent()) ?? '';
    expect(thought).not.toMatch(/<\/?think>/);
    expect(answer.trimStart().startsWith('<think>')).toBe(false);
    expect(answer.length).toBeGreaterThan(0);
    await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(
      new RegExp(`^${ids.length} tokens \\(${at + 1} thinking\\) · `),
    );
    const thinkingOn = Number(await reply.getAttribute('data-prompt-tokens'));

    // Thinking off: the template writes an empty thinking block into the prompt instead.
    await page.getByRole('button', { name: 'New chat' }).click();
    await toggle.setChecked(false);
    const off = await chat(page, PROMPT);
    expect(Number(await off.getAttribute('data-prompt-tokens'))).toBeGreaterThan(thinkingOn);
    expect(errors).toEqual([]);
  });
});
