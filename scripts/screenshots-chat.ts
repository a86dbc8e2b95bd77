// The README's chat screenshots: the self-test model loaded on WASM and a short exchange, on a laptop
// (1280×800) and a phone (390×844) screen. Found by role and label only, so later changes to how replies
// look do not break it.
import type { Browser, Page } from 'playwright-core';
import { scriptReply } from './scripted-reply.js';

/** Loads the self-test model through the model panel and waits until it is ready. */
async function loadSelfTest(page: Page): Promise<void> {
  const bar = page.getByTestId('model-bar');
  if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
  await page.getByLabel('Model', { exact: true }).selectOption('selftest');
  await page.getByLabel('WASM', { exact: true }).check();
  await page.getByLabel('Precision').selectOption('q4');
  await page.getByRole('button', { name: 'Load', exact: true }).click();
  await page.getByTestId('loaded').waitFor({ timeout: 300_000 });
}

/** Sends one message and waits for the whole reply (its stats line). */
async function exchange(page: Page, text: string): Promise<void> {
  const replies = page.locator('article[data-role="assistant"]');
  const before = await replies.count();
  await page.getByLabel('Max new tokens').fill('24');
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  await replies.nth(before).getByTestId('reply-stats').waitFor({ timeout: 300_000 });
}

/** Markdown for the second reply: the self-test model writes random tokens, so this one is scripted. */
const SCRIPTED = [
  'Here is a **quick start**:',
  '1. Pick a model in the bar above.',
  '2. Send a message, or try code:',
  '',
  '```python',
  'def greet(name):',
  '    return f"Hello, {name}!"',
  '```',
].join('\n');

const SCREENS = [
  { file: 'chat-laptop.png', viewport: { width: 1280, height: 800 } },
  { file: 'chat-phone.png', viewport: { width: 390, height: 844 } },
];

/** Writes docs/chat-laptop.png and docs/chat-phone.png (the viewport, as a person sees it). */
export async function shootChat(browser: Browser, url: string, out: string): Promise<void> {
  for (const { file, viewport } of SCREENS) {
    const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(url);
      await loadSelfTest(page);
      // The self-test model has random weights: its first reply is noise, which the screenshot shows honestly;
      // the second reply's text is scripted (the README says so) to show how a formatted reply looks.
      await exchange(page, 'Hello! What can you do?');
      await scriptReply(page, [SCRIPTED]);
      await exchange(page, 'How do I start?');
      await page.locator('textarea').first().blur();
      await page.screenshot({ path: `${out}/${file}` });
      console.log(`${out}/${file}`);
    } finally {
      await context.close();
    }
  }
}
