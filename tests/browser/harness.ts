import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { QUIET, WEBGPU_FLAGS } from '../../scripts/bench/browser';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** SwiftShader's Vulkan gives headless Chromium a real (software) WebGPU adapter with no GPU. */
const WEBGPU = WEBGPU_FLAGS.swiftshader;

export async function launch({ webgpu }: { webgpu: boolean }): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: webgpu ? [...QUIET, ...WEBGPU] : QUIET });
}

/**
 * A browser with a real profile on disk (what users have): storage persists across pages and reloads.
 * NOTE: service workers are blocked unless asked for: the app's worker (src/sw.ts) would serve files from
 * its precache, where `context.route` and request counts cannot see them. tests/browser/offline*.test.ts
 * test the worker itself.
 */
export async function launchPersistent(
  dir: string,
  { serviceWorkers = 'block' }: { serviceWorkers?: 'allow' | 'block' } = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: QUIET, serviceWorkers });
}

/**
 * Opens the app in an existing context (a persistent profile, say); `query` is appended to the URL. A
 * `?hub=` mirror is accepted as a person would, unless `mirror: 'ask'` leaves the question open.
 */
export async function openIn(
  context: BrowserContext,
  query = '',
  { mirror = 'accept' }: { mirror?: 'accept' | 'ask' } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(inject('appUrl') + query);
  await expect.poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  if (mirror === 'accept' && /[?&]hub=/.test(query))
    await page.getByRole('button', { name: 'Use this mirror' }).click();
  return page;
}

/** A fresh context and page on the app, with page errors collected so tests can assert there were none. */
export async function openApp(
  browser: Browser,
  { initScript }: { initScript?: () => void } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ serviceWorkers: 'block' }); // see launchPersistent
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(inject('appUrl'));
  await expect.poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 }).toBeGreaterThan(0);
  return { context, page, errors };
}

/** Opens the model panel from the model bar when it is closed (it closes itself once a model is ready). */
export async function openModelPanel(page: Page) {
  const bar = page.getByTestId('model-bar');
  if ((await bar.getAttribute('aria-expanded')) !== 'true') await bar.click();
}

/** Picks a model, backend and precision in the form and presses Load, as a person would. */
export async function choose(
  page: Page,
  {
    model = 'selftest',
    backend,
    dtype,
  }: { model?: string; backend: 'Auto' | 'WebGPU' | 'WASM'; dtype?: string },
) {
  await openModelPanel(page);
  await page.getByLabel('Model', { exact: true }).selectOption(model);
  await page.getByLabel(backend, { exact: true }).check();
  if (dtype) await page.getByLabel('Precision').selectOption(dtype);
  await page.getByRole('button', { name: 'Load' }).click();
}

/** Loads the self-test model and waits until the app says it is ready. */
export async function loadSelfTest(page: Page, backend: 'Auto' | 'WebGPU' | 'WASM', dtype = 'fp32') {
  await choose(page, { backend, dtype });
  await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
}

/** Types a message and sends it with Enter; resolves when the reply has its stats line. */
export async function chat(page: Page, text: string, { wait = true } = {}) {
  const replies = page.locator('article[data-role="assistant"]');
  const before = await replies.count();
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  const reply = replies.nth(before);
  if (wait) await reply.getByTestId('reply-stats').waitFor({ timeout: 120_000 });
  return reply;
}

/** Loads a hub model by id (through "Other model…") on WASM and waits until it is ready or has failed. */
export async function loadHubModel(page: Page, id: string, dtype = 'fp32') {
  await openModelPanel(page);
  await page.getByLabel('Model', { exact: true }).selectOption('__other__');
  await page.getByLabel('Hub model id').fill(id);
  await choose(page, { model: '__other__', backend: 'WASM', dtype });
  await expect
    .poll(
      async () => (await page.getByTestId('loaded').count()) + (await page.getByTestId('load-error').count()),
      {
        timeout: 120_000,
      },
    )
    .toBeGreaterThan(0);
}
