import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, launchPersistent } from './harness';
import { serveStatic, type StaticSite } from './offline-server';
import { openIsolated } from './offline-pages';

const VERSION_B = 'offline-test-B';
const marker = (page: Page) => page.evaluate(() => (window as unknown as { marker?: string }).marker);
const workers = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return {
      waiting: registration?.waiting !== null,
      controller: navigator.serviceWorker.controller?.scriptURL,
    };
  });

describe('a new version deployed while the page is open', () => {
  let site: StaticSite;
  let dir: string;
  let buildB: string;
  let context: BrowserContext;
  beforeAll(async () => {
    // Build B: the same app with another version string, so its files (and precache manifest) differ.
    buildB = mkdtempSync(join(tmpdir(), 'build-b-'));
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--outDir', buildB, '--emptyOutDir', '--logLevel', 'error'],
      { env: { ...process.env, APP_VERSION: VERSION_B }, stdio: 'pipe' },
    );
    site = await serveStatic('dist');
    dir = mkdtempSync(join(tmpdir(), 'offline-update-'));
    context = await launchPersistent(dir, { serviceWorkers: 'allow' });
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(buildB, { recursive: true, force: true });
  });

  it('offers it, never reloads by itself, and cannot be applied during a download', async () => {
    const { page, navigations } = await openIsolated(context, site.url);
    const versionA = await page.getByTestId('app-version').textContent();
    expect(versionA).not.toContain(VERSION_B);
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'version A'));

    // Deploy B; start a model download that the host holds back; the page checks for an update.
    site.root = buildB;
    const download = site.stall('/models/selftest/onnx/model_q4.onnx');
    await choose(page, { backend: 'WASM', dtype: 'q4' });
    await expect.poll(() => download.arrived(), { timeout: 60_000 }).toBe(true);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByTestId('update-prompt');
    await prompt.waitFor({ timeout: 60_000 });
    expect(await prompt.getAttribute('data-pending')).toBe('update');
    const reload = prompt.getByRole('button', { name: 'Reload' });
    expect(await reload.isDisabled()).toBe(true);
    expect(await page.getByTestId('update-waits').count()).toBe(1);

    // The download ends; the new version still waits for the page, which is the same document.
    download.release();
    await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
    expect(await reload.isEnabled()).toBe(true);
    expect(await workers(page)).toEqual({ waiting: true, controller: `${site.url}sw.js` });
    expect(await marker(page)).toBe('version A');
    expect(await page.getByTestId('app-version').textContent()).toBe(versionA);
    expect(navigations).toHaveLength(2); // the first visit and its isolation reload

    // The person chooses: the new worker takes over and the page reloads into version B.
    await reload.click();
    await expect
      .poll(
        () =>
          page
            .getByTestId('app-version')
            .textContent()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toContain(VERSION_B);
    expect(await marker(page)).toBeUndefined();
    expect(await workers(page)).toEqual({ waiting: false, controller: `${site.url}sw.js` });
    expect(await page.getByTestId('update-prompt').count()).toBe(0);
  });
});
