import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launchPersistent, loadSelfTest } from './harness';
import { serveStatic, type StaticSite } from './offline-server';
import { appShown, isolated, openIsolated } from './offline-pages';

type Watched = { cspViolations?: string[] };
/** Collects `securitypolicyviolation` events in a page or worker scope as "directive blocked-URL". */
const watchCsp = () => {
  const scope = self as unknown as Watched & EventTarget;
  scope.cspViolations = [];
  const target: EventTarget = 'document' in self ? document : self;
  target.addEventListener('securitypolicyviolation', (event) => {
    const { effectiveDirective, blockedURI } = event as SecurityPolicyViolationEvent;
    scope.cspViolations?.push(`${effectiveDirective} ${blockedURI}`);
  });
};
const violations = () => (self as unknown as Watched).cspViolations;
const fetchElsewhere = () =>
  fetch('https://example.com/').then(
    () => 'fetched',
    () => 'refused',
  );

describe('the app shell, offline and under its Content-Security-Policy (service worker on, plain host)', () => {
  let site: StaticSite;
  let dir: string;
  let context: BrowserContext;
  const consoleCsp: string[] = [];
  beforeAll(async () => {
    site = await serveStatic('dist');
    dir = mkdtempSync(join(tmpdir(), 'offline-shell-'));
    context = await launchPersistent(dir, { serviceWorkers: 'allow' });
    await context.addInitScript(watchCsp);
    context.on('console', (m) => /Content Security Policy/i.test(m.text()) && consoleCsp.push(m.text()));
  });
  afterAll(async () => {
    await context?.close();
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts the CSP in the built page; a chat breaks none of it, and other hosts are refused', async () => {
    const policy = readFileSync('dist/index.html', 'utf8').match(
      /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/,
    )?.[1];
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
    expect(policy).toMatch(/connect-src 'self' [^;]*https:\/\/huggingface\.co [^;]*https:\/\/\*\.hf\.co/);

    const { page } = await openIsolated(context, site.url);
    const engine = page.workers().find((w) => w.url().includes('engine.worker')) as Worker;
    await engine.evaluate(watchCsp);
    await loadSelfTest(page, 'WASM', 'q4');
    await page.getByLabel('Max new tokens').fill('4');
    await chat(page, 'Does the policy hold?');
    expect(await page.evaluate(violations)).toEqual([]);
    expect(await engine.evaluate(violations)).toEqual([]);
    expect(consoleCsp).toEqual([]);

    // The policy is enforced in the page (meta tag) and in the engine worker (header from src/sw.ts).
    expect(await page.evaluate(fetchElsewhere)).toBe('refused');
    expect(await engine.evaluate(fetchElsewhere)).toBe('refused');
    await expect.poll(() => page.evaluate(violations)).toEqual(['connect-src https://example.com/']);
    await expect.poll(() => engine.evaluate(violations)).toEqual(['connect-src https://example.com/']);
    expect(consoleCsp.length).toBeGreaterThan(0);
    await page.close();
  });

  it('after one visit, opens and chats with the network cut, asking nothing of any other origin', async () => {
    const { page } = await openIsolated(context, site.url);
    await loadSelfTest(page, 'WASM', 'q4'); // stored by the test above, or now
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    site.down = true;
    await context.setOffline(true);
    try {
      // A bookmarked URL with a query string is the precached page too.
      await page.goto(`${site.url}?hub=${encodeURIComponent('http://127.0.0.1:9/')}`);
      await appShown(page);
      expect(await isolated(page)).toBe(true); // the precached page keeps its isolation headers
      await loadSelfTest(page, 'WASM', 'q4');
      await expect(page.getByTestId('cache-summary').textContent()).resolves.toMatch(/came from this device/);
      await page.getByLabel('Max new tokens').fill('4');
      const reply = await chat(page, 'Anyone there?');
      expect(await reply.getAttribute('data-token-ids')).toBeTruthy();
    } finally {
      site.down = false;
      await context.setOffline(false);
    }
    expect(requests[0]).toMatch(/\?hub=/); // the recorder saw the page load
    // (ONNX Runtime's glue runs from a blob: URL, whose origin is the app's own.)
    expect(requests.filter((url) => new URL(url).origin !== site.origin)).toEqual([]);

    // The precache holds the app shell and ONNX Runtime, never a model (those live in the model store).
    const cached = await page.evaluate(async () => {
      const all = await Promise.all(
        (await caches.keys()).map(async (name) => (await caches.open(name)).keys()),
      );
      return all.flat().map((request) => new URL(request.url).pathname);
    });
    expect(cached).toEqual(
      expect.arrayContaining(['/some-repo/index.html', '/some-repo/ort/ort-wasm-simd-threaded.wasm']),
    );
    expect(cached.filter((path) => path.includes('/models/'))).toEqual([]);
  });
});
