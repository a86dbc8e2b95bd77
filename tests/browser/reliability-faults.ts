import type { BrowserContext, Page, Route } from 'playwright-core';
import { expect } from 'vitest';

type Tracked = Window & {
  __engineWorkers?: Worker[];
  __workersStarted?: { name: string; at: number; worker: Worker }[];
};

/**
 * An init script that keeps a handle on every engine worker the page starts, so a test can end one the way
 * the browser would (the app did not ask for it). Pass it to openApp.
 */
export function trackEngineWorkers() {
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      const tracked = window as Tracked;
      if (options?.name === 'engine') (tracked.__engineWorkers ??= []).push(this);
      (tracked.__workersStarted ??= []).push({
        name: options?.name ?? '',
        at: performance.now(),
        worker: this,
      });
    }
  };
}

/** Ends the newest engine worker from outside, as the browser does when it kills one (out of memory, say). */
export async function killEngine(page: Page) {
  const killed = await page.evaluate(() => {
    const worker = (window as Tracked).__engineWorkers?.at(-1);
    worker?.terminate();
    return Boolean(worker);
  });
  expect(killed).toBe(true);
}

/** Once a worker whose name matches `pattern` has started, ends it from outside; resolves to its name. */
export async function killWorkerNamed(page: Page, pattern: RegExp): Promise<string> {
  const find = () =>
    page.evaluate(
      (source) =>
        (window as Tracked).__workersStarted?.find((w) => new RegExp(source).test(w.name))?.name ?? '',
      pattern.source,
    );
  await expect.poll(find, { timeout: 120_000 }).not.toBe('');
  return page.evaluate((source) => {
    const entry = (window as Tracked).__workersStarted?.find((w) => new RegExp(source).test(w.name));
    entry?.worker.terminate();
    return entry?.name ?? '';
  }, pattern.source);
}

/**
 * Throws an error nobody catches inside the newest engine worker, on its next task.
 * NOTE: works while the worker waits (a stalled download): DevTools' evaluation is not served between the
 * steps of a reply. Not awaited: the app may terminate the worker before it answers.
 */
export async function throwInEngine(page: Page) {
  const named = await Promise.all(
    page.workers().map(async (w) => ((await w.evaluate(() => self.name)) === 'engine' ? w : null)),
  );
  const worker = named.filter((w) => w !== null).at(-1);
  expect(worker).toBeTruthy();
  void worker
    ?.evaluate(() => {
      setTimeout(() => {
        throw new Error('test fault: an error nobody handled');
      }, 0);
    })
    .catch(() => {});
}

/** Holds every request for `pattern` unanswered (a stalled download) until `release()` lets them through. */
export async function stall(context: BrowserContext, pattern: string) {
  const held: Route[] = [];
  const handler = (route: Route) => void held.push(route);
  await context.route(pattern, handler);
  return {
    waitForRequest: () => expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0),
    release: async () => {
      await context.unroute(pattern, handler);
      await Promise.all(held.map((r) => r.abort().catch(() => {})));
    },
  };
}

/**
 * Arms a fault in every engine worker of the page (workers/test-faults.ts): `lose-device` destroys the
 * GPUDevice ONNX Runtime uses at the next forward pass; `throw-in-reply` makes the next streamed token throw.
 */
export async function injectFault(page: Page, fault: 'lose-device' | 'throw-in-reply' | 'fresh-prefill') {
  await page.evaluate((name) => new BroadcastChannel('engine-test-faults').postMessage(name), fault);
}
