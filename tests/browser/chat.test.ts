import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launch, loadSelfTest, openApp, openModelPanel } from './harness';

describe('chat with the self-test model on WASM', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('loads with per-file progress, streams a reply, keeps turns, and starts over with New chat', async () => {
    const { page, errors } = await openApp(browser);
    // Record every file the progress list showed, as it appears.
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { __files: Set<string> }).__files = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="load-progress"] .name'))
          seen.add(el.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await loadSelfTest(page, 'WASM', 'fp32');
    await expect(page.getByTestId('backend').textContent()).resolves.toBe('WASM');
    const files = await page.evaluate(() => [...(window as unknown as { __files: Set<string> }).__files]);
    expect(files).toContain('onnx/model.onnx');
    expect(files).toContain('tokenizer.json');

    // Count the distinct texts the reply shows while it streams.
    await page.evaluate(() => {
      const texts = new Set<string>();
      (window as unknown as { __texts: Set<string> }).__texts = texts;
      new MutationObserver(() => {
        const last = [...document.querySelectorAll('article[data-role="assistant"] .content')].at(-1);
        if (last) texts.add(last.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Max new tokens').fill('24');
    const reply = await chat(page, 'Hello there');
    const texts = await page.evaluate(() => (window as unknown as { __texts: Set<string> }).__texts.size);
    expect(texts).toBeGreaterThan(2);
    await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(
      /tokens · first token .+ · decode/,
    );

    await chat(page, 'And a second question');
    await expect(page.locator('article[data-role="user"]').count()).resolves.toBe(2);
    await expect(page.locator('article[data-role="assistant"]').count()).resolves.toBe(2);

    await page.getByRole('button', { name: 'New chat' }).click();
    await expect(page.locator('article').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it('stops a long reply at once with Stop, and the page stays responsive while it generates', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('4000');
    const reply = await chat(page, 'Write a very long story', { wait: false });
    await expect.poll(() => reply.locator('.content').textContent(), { timeout: 60_000 }).not.toBe('▍');

    // While the reply streams: animation frames keep coming and another control answers a click.
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          const tick = () => (++n < 10 ? requestAnimationFrame(tick) : resolve(n));
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBe(10);
    await openModelPanel(page);
    await page.locator('summary', { hasText: 'This device' }).click();
    await expect(page.getByTestId('device-info').getAttribute('open')).resolves.toBe('');
    await expect(reply.getByTestId('reply-stats').count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Stop' }).click();
    const stats = reply.getByTestId('reply-stats');
    await stats.waitFor({ timeout: 30_000 });
    await expect(stats.textContent()).resolves.toMatch(/stopped$/);
    const tokens = Number((await stats.textContent())?.match(/^(\d+) tokens/)?.[1]);
    expect(tokens).toBeGreaterThan(0);
    expect(tokens).toBeLessThan(4000);
    // The model is still loaded and answers again.
    await page.getByLabel('Max new tokens').fill('4');
    const next = await chat(page, 'Short one');
    await expect(next.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
  });

  it('shows text as text: markup in messages is never turned into HTML', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('4');
    const markup = '<img src=x onerror="window.__xss=1"><b>bold</b>';
    await chat(page, markup);
    const user = page.locator('article[data-role="user"] .content');
    await expect(user.textContent()).resolves.toBe(markup);
    await expect(
      page.locator('[data-testid="chat-log"] img, [data-testid="chat-log"] b').count(),
    ).resolves.toBe(0);
    await expect(
      page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).resolves.toBeUndefined();
  });
});
