import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chat, launchPersistent, loadSelfTest } from './harness';
import { serveStatic, type StaticSite } from './offline-server';
import { controller, isolated, openIsolated, openSite } from './offline-pages';

/** Loads the self-test model on WASM and sends one short message; returns the reply's token ids. */
async function chatsWithSelfTest(page: Page, text: string) {
  await loadSelfTest(page, 'WASM', 'q4');
  await page.getByLabel('Max new tokens').fill('4');
  const reply = await chat(page, text);
  return reply.getAttribute('data-token-ids');
}

describe('the build on a plain static host, under a sub-path', () => {
  let site: StaticSite;
  let dir: string;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    site = await serveStatic('dist');
  });
  afterEach(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => site?.close());
  const profile = async (serviceWorkers: 'allow' | 'block') => {
    dir = mkdtempSync(join(tmpdir(), 'offline-profile-'));
    context = await launchPersistent(dir, { serviceWorkers });
    return context;
  };

  it('opens and chats with no service worker and no headers: every URL stays under the sub-path', async () => {
    const { page } = await openSite(await profile('block'), site.url);
    expect(await chatsWithSelfTest(page, 'Hello from a sub-path')).toBeTruthy();
    expect(site.requests.some((p) => p.startsWith('/some-repo/models/selftest/'))).toBe(true);
    expect(site.requests.filter((p) => !p.startsWith('/some-repo/'))).toEqual([]);
    // Not isolated without the worker: the app says so, and ONNX Runtime gets one thread.
    await expect(page.getByTestId('isolation').textContent()).resolves.toMatch(/^\s*no/);
    await expect(page.getByTestId('wasm-threads').textContent()).resolves.toMatch(/uses 1 of/);

    // The manifest and its icons resolve relative to the app, so it installs from a sub-path.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')?.href ?? '';
      const body = (await (await fetch(href)).json()) as {
        start_url: string;
        scope: string;
        icons: { src: string }[];
      };
      const icons = await Promise.all(
        body.icons.map(async ({ src }) => {
          const response = await fetch(new URL(src, href));
          return `${response.status} ${response.headers.get('content-type')} ${response.url}`;
        }),
      );
      return {
        href,
        start: new URL(body.start_url, href).href,
        scope: new URL(body.scope, href).href,
        icons,
      };
    });
    expect(manifest.href).toBe(`${site.url}manifest.webmanifest`);
    expect(manifest.start).toBe(site.url);
    expect(manifest.scope).toBe(site.url);
    expect(manifest.icons).toEqual([
      `200 image/png ${site.url}icons/icon-192.png`,
      `200 image/png ${site.url}icons/icon-512.png`,
      `200 image/png ${site.url}icons/icon-512.png`,
    ]);
  });

  it('with the service worker, one reload makes the page cross-origin isolated: ONNX Runtime gets every core', async () => {
    const { page, navigations } = await openIsolated(await profile('allow'), site.url);
    expect(await controller(page)).toEqual({ script: `${site.url}sw.js`, scope: site.url });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.min(4, cores);
    expect(threads).toBeGreaterThan(1); // this machine has 2 cores
    await expect(page.getByTestId('isolation').textContent()).resolves.toMatch(/^\s*yes\s*$/);
    await expect(page.getByTestId('wasm-threads').textContent()).resolves.toContain(
      `uses ${threads} of ${cores}`,
    );
    expect(await chatsWithSelfTest(page, 'Threads?')).toBeTruthy();
    await expect(page.getByTestId('loaded').textContent()).resolves.toContain(`${threads} threads`);
    expect(navigations).toEqual([site.url, site.url]); // the first visit and its one reload, no more
    expect(await isolated(page)).toBe(true);
  });

  it('does not reload a page the host already isolates', async () => {
    site.headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    try {
      const { page, navigations } = await openSite(await profile('allow'), site.url);
      expect(await isolated(page)).toBe(true);
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'first document'));
      await expect
        .poll(() => controller(page), { timeout: 120_000 })
        .toMatchObject({ script: `${site.url}sw.js` });
      // A reload after the worker took over would come well within a whole load and chat.
      expect(await chatsWithSelfTest(page, 'Still the first document?')).toBeTruthy();
      expect(navigations).toEqual([site.url]);
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
        'first document',
      );
    } finally {
      site.headers = {};
    }
  });
});
