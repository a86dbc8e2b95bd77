import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  chatItem,
  downloadOf,
  openChats,
  putChatRecord,
  reloadApp,
  shownTurns,
  storedChats,
} from './chat-history-page';
import { chat, loadSelfTest, launch, openApp } from './harness';

describe('conversations are kept in IndexedDB and listed', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('keeps a chat across a reload: reopened with the same turns and stats, and continued', async () => {
    const { page, errors } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('5');
    await chat(page, 'First question');
    await chat(page, 'Second question');
    const before = await shownTurns(page);
    expect(before.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(before[3]!.stats).toMatch(/^\d+ tokens/);

    await reloadApp(page);
    await expect(page.locator('[data-testid="chat-log"] article').count()).resolves.toBe(0);
    const items = await openChats(page);
    await expect(items.count()).resolves.toBe(1);
    const item = chatItem(page, 'First question');
    await expect(item.textContent()).resolves.toMatch(/selftest · q4 .* 2 messages/);
    await item.getByRole('button', { name: 'First question', exact: true }).click();
    await expect.poll(() => shownTurns(page)).toEqual(before);

    // Continued with another precision: the page says so, and the reply joins the same chat.
    await loadSelfTest(page, 'WASM', 'fp32');
    await openChats(page);
    await chatItem(page, 'First question')
      .getByRole('button', { name: 'First question', exact: true })
      .click();
    await expect(page.getByTestId('model-change').textContent()).resolves.toMatch(
      /was with selftest \(WASM, q4\); replies now come from selftest \(WASM, fp32\)/,
    );
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'Third question');
    await expect.poll(() => page.getByTestId('model-change').count()).toBe(0);
    await reloadApp(page);
    await openChats(page);
    await expect(page.getByTestId('chat-item').count()).resolves.toBe(1);
    await expect.poll(async () => (await storedChats(page))[0]?.turns.length).toBe(6);
    expect(errors).toEqual([]);
  });

  it('renames with Enter (kept after a reload), cancels with Escape, and deletes only when confirmed', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'Keep me');
    await page.getByRole('button', { name: 'New chat', exact: true }).click();
    await chat(page, 'Delete me');
    const items = await openChats(page);
    await expect(items.count()).resolves.toBe(2);

    await page.getByRole('button', { name: 'Rename “Keep me”', exact: true }).click();
    const field = page.getByLabel('Chat title');
    await field.fill('Renamed chat');
    await field.press('Escape');
    await expect(chatItem(page, 'Keep me').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Rename “Keep me”', exact: true }).click();
    await field.fill('  Renamed <b>chat</b>  ');
    await field.press('Enter');
    await expect.poll(() => chatItem(page, 'Renamed <b>chat</b>').count()).toBe(1);
    // Focus goes back to the chat's title, for keyboard users.
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Renamed <b>chat</b>',
    );

    await page.getByRole('button', { name: 'Delete “Delete me”', exact: true }).click();
    await page.getByRole('button', { name: 'Keep it', exact: true }).click();
    await expect(items.count()).resolves.toBe(2);
    await page.getByRole('button', { name: 'Delete “Delete me”', exact: true }).click();
    await page.getByRole('button', { name: 'Delete for good', exact: true }).click();
    await expect.poll(() => items.count()).toBe(1);
    // The deleted chat was open: the page starts a new one.
    await expect(page.locator('[data-testid="chat-log"] article').count()).resolves.toBe(0);

    await reloadApp(page);
    await openChats(page);
    await expect(page.getByTestId('chat-item').count()).resolves.toBe(1);
    await expect(chatItem(page, 'Renamed <b>chat</b>').count()).resolves.toBe(1);
    await expect(storedChats(page).then((all) => all.map((c) => c.title))).resolves.toEqual([
      'Renamed <b>chat</b>',
    ]);
  });

  it('exports Markdown with hostile text escaped, and JSON with the turns as they were', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('3');
    const hostile = '<img src=x onerror=alert(1)>\n## Model\n[click](javascript:alert(1))';
    await chat(page, hostile);
    await openChats(page);
    const title = '<img src=x onerror=alert(1)> ## Model [click](javascript:alert(1))';

    const md = await downloadOf(page, page.getByRole('button', { name: `Export “${title}” as Markdown` }));
    expect(md.name).toMatch(/^chat-img-src-x-onerror-alert-1-model-click-j.*\.md$/);
    expect(md.text).not.toMatch(/<[a-z]/i);
    expect(md.text).not.toContain('](');
    expect(md.text.match(/^## (You|Model)$/gm)).toEqual(['## You', '## Model']);
    expect(md.text).toContain('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;\\\n\\#\\# Model');
    expect(md.text).toMatch(/- Model: selftest · wasm · q4/);
    expect(md.text).toMatch(/\*\d+ tokens · first token \d+ ms/);

    const json = await downloadOf(page, page.getByRole('button', { name: `Export “${title}” as JSON` }));
    const parsed = JSON.parse(json.text) as {
      title: string;
      turns: { role: string; content: string; stats?: object }[];
    };
    expect(parsed.title).toBe(title);
    expect(parsed.turns[0]).toEqual({ role: 'user', content: hostile });
    expect(parsed.turns[1]?.stats).toMatchObject({ newTokens: expect.any(Number) });
  });

  it('skips a damaged or foreign record with a message, and lists the rest', async () => {
    const { page, errors } = await openApp(browser);
    await putChatRecord(page, 'good', {
      id: 'good',
      title: 'A sound chat',
      model: null,
      created: 1,
      updated: 2,
      rev: 1,
      turns: [{ role: 'user', content: 'hello' }],
    });
    await putChatRecord(page, 'broken', { id: 'broken', title: 'x', turns: 'not a list' });
    await putChatRecord(page, 'junk', 42);
    await reloadApp(page);
    await openChats(page);
    await expect(page.getByTestId('chat-damaged').textContent()).resolves.toMatch(
      /2 saved chats could not be read and are not shown/,
    );
    await expect(page.getByTestId('chat-item').count()).resolves.toBe(1);
    await chatItem(page, 'A sound chat').getByRole('button', { name: 'A sound chat', exact: true }).click();
    await expect.poll(() => shownTurns(page).then((t) => t.map((x) => x.content))).toEqual(['hello']);
    expect(errors).toEqual([]);
  });

  it('fits a phone: the list opens from the Chats button, with nothing wider than the screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.goto(inject('appUrl'));
    await expect.poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 }).toBe(1);
    const long = 'A very long first message that goes on and on without a break '.repeat(2).trim();
    await putChatRecord(page, 'long', {
      id: 'long',
      title: long,
      model: { modelId: 'onnx-community/Qwen2.5-0.5B-Instruct', backend: 'webgpu', dtype: 'q4f16' },
      created: 1,
      updated: 2,
      rev: 1,
      turns: [{ role: 'user', content: long }],
    });
    await reloadApp(page);
    await openChats(page);
    const item = page.getByTestId('chat-item');
    await expect(item.count()).resolves.toBe(1);
    for (const name of ['Rename', 'Markdown', 'JSON', 'Delete']) {
      const box = await item.getByRole('button', { name: new RegExp(name) }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await context.close();
  });
});
