import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../scripts/test-model/write-model';
import { FaultServer } from './fault-server';
import { chat, launchPersistent, loadHubModel, openIn } from './harness';
import { storeState } from './store-inspect';

// Sources are pinned: a link's ?hub= cannot plant a mirror's files under the hub's name, and optional
// files a repo lacks are remembered, so a cached model loads with no request at all.
describe('where model files come from', () => {
  let context: BrowserContext;
  let server: FaultServer;
  let dir: string;
  const hubRequests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sources-'));
    writeTestModel(join(dir, 'tiny'), { dtypes: ['fp32'] });
    cpSync(join(dir, 'tiny'), join(dir, 'bare'), { recursive: true });
    rmSync(join(dir, 'bare', 'generation_config.json'));
    server = new FaultServer({
      'test/tiny': join(dir, 'tiny'),
      'HuggingFaceTB/SmolLM2-135M-Instruct': join(dir, 'tiny'),
      'test/bare': join(dir, 'bare'),
      'faults/tampered-model': join(dir, 'tiny'),
      'test/plain': join(dir, 'tiny'),
    });
    await server.start();
    context = await launchPersistent(join(dir, 'profile'));
    // The real hub is out of reach here: record what is asked of it, and answer nothing.
    await context.route('https://huggingface.co/**', (route) => {
      hubRequests.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await context.route(/^http:\/\/evil\.example\//, (route) => {
      hubRequests.push(route.request().url());
      return route.abort('internetdisconnected');
    });
  });
  afterAll(async () => {
    await context?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const requestsTo = (prefix: string) => hubRequests.filter((u) => u.startsWith(prefix));
  const settled = async (page: Page) =>
    ((await page.getByTestId('load-error').count()) ? 'error' : 'ready') as 'error' | 'ready';

  it('refuses a ?hub= host the site does not allow, and never asks it for anything', async () => {
    const page = await openIn(context, '?hub=http://evil.example/', { mirror: 'ask' });
    await expect(page.getByTestId('mirror-refused').textContent()).resolves.toMatch(
      /evil\.example, which this site does not allow/,
    );
    await loadHubModel(page, 'HuggingFaceTB/SmolLM2-135M-Instruct');
    expect(await settled(page)).toBe('error');
    expect(requestsTo('http://evil.example/')).toEqual([]);
    // "http://" alone would have sent requests to a host named after the model's owner.
    const bare = await openIn(context, '?hub=http://', { mirror: 'ask' });
    await expect(bare.getByTestId('mirror-refused').textContent()).resolves.toMatch(/not a web address/);
    await page.close();
    await bare.close();
  });

  it('uses a mirror only once the person accepts it, and keeps its files apart from the hub', async () => {
    const page = await openIn(context, `?hub=${encodeURIComponent(server.url)}`, { mirror: 'ask' });
    await expect(page.getByTestId('mirror-question').textContent()).resolves.toMatch(
      new RegExp(`download models from ${new URL(server.url).host.replace('.', '\\.')}`),
    );
    // Not answered yet: the hub is used, and the mirror hears nothing.
    const before = server.requests.length;
    await loadHubModel(page, 'HuggingFaceTB/SmolLM2-135M-Instruct');
    expect(await settled(page)).toBe('error');
    expect(server.requests.length).toBe(before);

    await page.getByRole('button', { name: 'Use this mirror' }).click();
    await loadHubModel(page, 'HuggingFaceTB/SmolLM2-135M-Instruct');
    expect(await settled(page)).toBe('ready');
    const state = await storeState(page);
    expect(
      state.manifests.filter((k) =>
        k.startsWith(`${server.keyPrefix}/HuggingFaceTB/SmolLM2-135M-Instruct@main/`),
      ).length,
    ).toBeGreaterThan(2);
    expect(state.manifests.filter((k) => k.startsWith('hub/'))).toEqual([]);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await expect(
      page
        .locator('[data-testid="stored-model"][data-model="HuggingFaceTB/SmolLM2-135M-Instruct"]')
        .getAttribute('data-from'),
    ).resolves.toBe(new URL(server.url).host);
    await page.close();

    // A later visit with no ?hub=: the mirror's copy never answers for the hub model.
    const later = await openIn(context);
    const asked = server.requests.length;
    await loadHubModel(later, 'HuggingFaceTB/SmolLM2-135M-Instruct');
    expect(await settled(later)).toBe('error');
    await expect(later.getByTestId('load-error').textContent()).resolves.not.toMatch(/came from this device/);
    expect(server.requests.length).toBe(asked);
    await later.close();
  });

  it('refuses a download that does not match the SHA-256 the hub lists, keeping nothing of it', async () => {
    const page = await openIn(context, `?hub=${encodeURIComponent(server.url)}`);
    await loadHubModel(page, 'faults/tampered-model');
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(
      /onnx\/model\.onnx from this host does not match the SHA-256 the hub publishes for it/,
    );
    const state = await storeState(page);
    expect(
      state.manifests.filter((k) => k.includes('/faults/tampered-model@') && k.endsWith('.onnx')),
    ).toEqual([]);
    expect(state.orphans).toEqual([]);

    // A plain static host publishes no listing: the model loads, and the Models view says nothing was checked.
    server.plain = true;
    try {
      await loadHubModel(page, 'test/plain');
      expect(await settled(page)).toBe('ready');
    } finally {
      server.plain = false;
    }
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await expect(
      page
        .locator('[data-testid="stored-model"][data-model="test/plain"]')
        .getByTestId('hub-check')
        .textContent(),
    ).resolves.toMatch(/^0 of \d+ checked against the hub's hashes$/);
    await page.close();
  });

  it('remembers optional files a repo lacks: the next load makes no request, even with the host gone', async () => {
    const page = await openIn(context, `?hub=${encodeURIComponent(server.url)}`);
    await loadHubModel(page, 'test/bare');
    expect(await settled(page)).toBe('ready');
    expect(server.requests.some((r) => r.path.endsWith('/generation_config.json'))).toBe(true);
    await page.close();

    const again = await openIn(context, `?hub=${encodeURIComponent(server.url)}`);
    const attempted: string[] = [];
    await context.route(`${server.url}**`, (route) => {
      attempted.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    try {
      await loadHubModel(again, 'test/bare');
      expect(await settled(again)).toBe('ready');
      await expect(again.getByTestId('cache-summary').textContent()).resolves.toMatch(
        /came from this device/,
      );
      await again.getByLabel('Max new tokens').fill('3');
      await expect(chat(again, 'offline?').then((r) => r.getByTestId('reply-stats').count())).resolves.toBe(
        1,
      );
    } finally {
      await context.unroute(`${server.url}**`);
    }
    expect(attempted).toEqual([]);
    await again.close();
  });
});
