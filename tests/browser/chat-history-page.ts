import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Reloads the page and waits until the app is up again. */
export async function reloadApp(page: Page) {
  await page.reload();
  await expect.poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 }).toBeGreaterThan(0);
}

/** Opens the list of past chats (if closed) and gives its items. */
export async function openChats(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: /^Chats \(\d+\)$/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByTestId('chat-item');
}

/** The list item whose title is `title`. */
export const chatItem = (page: Page, title: string) =>
  page.getByTestId('chat-item').filter({ has: page.getByRole('button', { name: title, exact: true }) });

/** What the chat log shows: each turn's role, text, stats line and error. */
export function shownTurns(page: Page) {
  return page.locator('[data-testid="chat-log"] article').evaluateAll((articles) =>
    articles.map((a) => ({
      role: a.getAttribute('data-role'),
      content: a.querySelector('.content')?.textContent ?? '',
      stats: a.querySelector('[data-testid="reply-stats"]')?.textContent?.trim() ?? null,
      error: a.querySelector('.error')?.textContent ?? null,
    })),
  );
}

/** Writes a value straight into the chats database, as an older version or a damaged disk might leave it. */
export function putChatRecord(page: Page, key: string, value: unknown) {
  return page.evaluate(
    ([key, value]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('llm-chats');
        open.onupgradeneeded = () => open.result.createObjectStore('chats');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('chats', 'readwrite');
          tx.objectStore('chats').put(value, key);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    [key, value] as const,
  );
}

/** Every record in the chats database, as stored. */
export function storedChats(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        { id: string; title: string; turns: { role: string; content: string; error?: string }[] }[]
      >((resolve, reject) => {
        const open = indexedDB.open('llm-chats');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('chats').objectStore('chats').getAll();
          req.onsuccess = () => (open.result.close(), resolve(req.result));
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Clicks `button` and reads the file it downloads, with the name it suggests. */
export async function downloadOf(page: Page, button: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}
