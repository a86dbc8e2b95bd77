import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatItem, openChats, putChatRecord, reloadApp, shownTurns, storedChats } from './chat-history-page';
import { chat, launch, launchPersistent, loadSelfTest, openApp } from './harness';
import { killEngine, trackEngineWorkers } from './reliability-faults';

describe('kept conversations when storage or the engine fails', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ webgpu: false });
  });
  afterAll(() => browser?.close());

  it('says so when storage is full, and the chat goes on in memory', async () => {
    // NOTE: a profile on disk: Chromium applies a quota override there, not in an in-memory context.
    const context = await launchPersistent(await mkdtemp(join(tmpdir(), 'chat-quota-')));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // NOTE: Chromium's own quota, set below what the origin uses before the page first opens storage (it is
    // read then): the real IndexedDB refuses every write, as on a full disk.
    const cdp = await context.newCDPSession(page);
    const origin = new URL(inject('appUrl')).origin;
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1000 });
    await page.goto(inject('appUrl'));
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'Will this be kept?');
    const problem = page.getByTestId('chat-storage-problem');
    await expect.poll(() => problem.count(), { timeout: 30_000 }).toBe(1);
    await expect(problem.textContent()).resolves.toMatch(/Storage is full, so this chat is not being saved/);
    // The chat itself still works.
    const reply = await chat(page, 'And this one?');
    await expect(reply.getByTestId('reply-stats').textContent()).resolves.toMatch(/^\d+ tokens/);
    await expect(page.locator('article[data-role="user"]').count()).resolves.toBe(2);

    // With room again, the next save keeps the whole chat and the message goes.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await chat(page, 'Room again');
    await expect.poll(() => problem.count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(async () => (await storedChats(page)).map((c) => c.turns.filter((t) => t.role === 'user').length))
      .toEqual([3]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the chat on screen and in storage when the engine dies mid-reply, and after Restart', async () => {
    const { page } = await openApp(browser, { initScript: trackEngineWorkers });
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'First question');
    await page.getByLabel('Max new tokens').fill('4000');
    const reply = await chat(page, 'Write a very long story', { wait: false });
    await expect.poll(() => reply.locator('.content').textContent(), { timeout: 60_000 }).not.toBe('▍');
    await killEngine(page);
    await page.getByTestId('engine-stopped').waitFor({ timeout: 30_000 });
    await expect(reply.getByRole('alert').textContent()).resolves.toMatch(/cut off/);

    // Stored as it ended: the cut-off reply with its error, not as still streaming.
    await expect
      .poll(async () => (await storedChats(page))[0]?.turns.at(-1)?.error ?? '', { timeout: 10_000 })
      .toMatch(/cut off/);
    await page.getByRole('button', { name: 'Restart' }).click();
    await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'Are you back?');
    const onScreen = await shownTurns(page);
    expect(onScreen.filter((t) => t.role === 'user').map((t) => t.content)).toEqual([
      'First question',
      'Write a very long story',
      'Are you back?',
    ]);

    await reloadApp(page);
    await openChats(page);
    await chatItem(page, 'First question')
      .getByRole('button', { name: 'First question', exact: true })
      .click();
    await expect.poll(() => shownTurns(page)).toEqual(onScreen);
  });

  it('a reply still streaming when the page closed comes back marked as cut off', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('4000');
    const reply = await chat(page, 'Write a very long story', { wait: false });
    // A save while streaming (at most every few seconds) has the reply's text so far.
    await expect
      .poll(
        async () =>
          ((await storedChats(page))[0]?.turns[1] as { streaming?: boolean; content: string })?.content
            .length ?? 0,
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    await expect(reply.getAttribute('aria-busy')).resolves.toBe('true');
    await reloadApp(page);
    await openChats(page);
    await chatItem(page, 'Write a very long story')
      .getByRole('button', { name: 'Write a very long story', exact: true })
      .click();
    const turns = await shownTurns(page);
    expect(turns).toHaveLength(2);
    expect(turns[1]!.content.length).toBeGreaterThan(0);
    expect(turns[1]!.error).toMatch(/cut off: the page closed/);
    await expect(page.locator('article[aria-busy="true"]').count()).resolves.toBe(0);
  });

  it('another tab sees a chat change, and continues it without losing the first tab’s turns', async () => {
    const { page: first, context } = await openApp(browser);
    await loadSelfTest(first, 'WASM', 'q4');
    await first.getByLabel('Max new tokens').fill('3');
    await chat(first, 'Shared chat');

    const second = await context.newPage();
    await second.goto(inject('appUrl'));
    await loadSelfTest(second, 'WASM', 'q4');
    await second.getByLabel('Max new tokens').fill('3');
    await openChats(second);
    await chatItem(second, 'Shared chat').getByRole('button', { name: 'Shared chat', exact: true }).click();
    await expect.poll(() => second.locator('article[data-role="user"]').count()).toBe(1);

    // The first tab goes on; the second, idle on the same chat, shows the new turn without a reload.
    await chat(first, 'From the first tab');
    await expect.poll(() => second.locator('article[data-role="user"]').count(), { timeout: 10_000 }).toBe(2);
    await chat(second, 'From the second tab');
    await expect
      .poll(async () =>
        (await storedChats(first))[0]?.turns.filter((t) => t.role === 'user').map((t) => t.content),
      )
      .toEqual(['Shared chat', 'From the first tab', 'From the second tab']);
    await expect((await openChats(first)).count()).resolves.toBe(1);
  });

  it('a tab whose copy is stale keeps its turns as a new chat instead of overwriting the newer one', async () => {
    const { page } = await openApp(browser);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('3');
    await chat(page, 'Written here');
    // Another writer (a tab of an older version, say, that announced nothing) saves a newer revision.
    const [kept] = await storedChats(page);
    const newer = { ...kept!, rev: (kept as { rev?: number }).rev! + 1 };
    newer.turns = [...kept!.turns, { role: 'user', content: 'Written elsewhere' }];
    await putChatRecord(page, kept!.id, newer);

    await chat(page, 'Written here again');
    await expect
      .poll(() => page.getByTestId('chat-notice-kept').textContent(), { timeout: 10_000 })
      .toMatch(/changed in another tab, so this tab keeps its turns as a new chat/);
    const all = await storedChats(page);
    const users = (c: (typeof all)[number]) => c.turns.filter((t) => t.role === 'user').map((t) => t.content);
    expect(all.map(users).sort()).toEqual([
      ['Written here', 'Written elsewhere'],
      ['Written here', 'Written here again'],
    ]);
    await expect(openChats(page).then((items) => items.count())).resolves.toBe(2);
    await expect(chatItem(page, 'Written here (copy)').count()).resolves.toBe(1);
  });
});
