import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Resolves once the app has probed the device ("This device" has its rows). */
export async function appShown(page: Page) {
  await expect.poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 }).toBeGreaterThan(0);
}

/** `crossOriginIsolated` in the page; false while a reload swaps the document. */
export async function isolated(page: Page): Promise<boolean> {
  return page.evaluate(() => crossOriginIsolated).catch(() => false);
}

/** Opens `url` in a new page and counts its main-frame navigations (the first one included). */
export async function openSite(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; navigations: string[] }> {
  const page = await context.newPage();
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  await page.goto(url);
  await appShown(page);
  return { page, navigations };
}

/** Opens `url` and waits until the service worker controls the page and the page is isolated. */
export async function openIsolated(context: BrowserContext, url: string) {
  const opened = await openSite(context, url);
  await expect.poll(() => isolated(opened.page), { timeout: 120_000 }).toBe(true);
  await appShown(opened.page);
  return opened;
}

/** The service worker that controls the page, and its scope. */
export async function controller(page: Page) {
  return page.evaluate(async () => ({
    script: navigator.serviceWorker.controller?.scriptURL ?? null,
    scope: (await navigator.serviceWorker.getRegistration())?.scope ?? null,
  }));
}
