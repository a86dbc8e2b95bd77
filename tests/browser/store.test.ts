import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chat, launchPersistent, loadSelfTest, openIn } from './harness';
import { corruptChunk, storeState } from './store-inspect';

/** Loads the self-test model on WASM and returns the greedy token ids of a fixed short reply. */
async function tokens(page: Page): Promise<string | null> {
  await loadSelfTest(page, 'WASM', 'q4');
  await page.getByLabel('Max new tokens').fill('8');
  const reply = await chat(page, 'Same question every time');
  return reply.getAttribute('data-token-ids');
}

describe('the model store, in a browser profile on disk', () => {
  let context: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'profile-'));
    context = await launchPersistent(dir);
  });
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the second load from the store: no model file is requested, and the output is the same', async () => {
    const page = await openIn(context);
    const warnings: string[] = [];
    page.on('console', (m) => /content-length/i.test(m.text()) && warnings.push(m.text()));
    const first = await tokens(page);
    await expect(page.getByTestId('cache-summary').textContent()).resolves.toMatch(/downloaded and stored/);
    // vite preview gzips the bigger files: the store learns their size, so the library need not guess.
    expect(warnings).toEqual([]);
    const state = await storeState(page);
    expect(state.manifests).toEqual(
      expect.arrayContaining(['local/selftest/config.json', 'local/selftest/onnx/model_q4.onnx']),
    );

    await page.reload();
    await expect
      .poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    const modelRequests: string[] = [];
    page.context().on('request', (r) => r.url().includes('/models/') && modelRequests.push(r.url()));
    const second = await tokens(page);
    expect(modelRequests).toEqual([]);
    expect(second).toBe(first);
    await expect(page.getByTestId('cache-summary').textContent()).resolves.toMatch(/came from this device/);
    await expect(page.getByTestId('file-source').count()).resolves.toBe(0); // progress list gone once ready
    await page.close();
  });

  it('loads and chats with the network cut after the first load', async () => {
    const page = await openIn(context);
    await tokens(page); // stored already by the test above, or now
    await context.setOffline(true);
    try {
      const again = await tokens(page);
      expect(again?.length).toBeGreaterThan(0);
      await expect(page.getByTestId('cache-summary').textContent()).resolves.toMatch(/came from this device/);
    } finally {
      await context.setOffline(false);
    }
    await page.close();
  });

  it('catches a damaged chunk with Verify, and the next load replaces a damaged file', async () => {
    const page = await openIn(context);
    await tokens(page);
    await corruptChunk(page, 'local/selftest/onnx/model_q4.onnx#000000');
    await page.getByRole('button', { name: 'Models on this device' }).click();
    const row = page.locator('[data-testid="stored-model"][data-model="selftest"]');
    await row.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByTestId('store-message').textContent()).resolves.toMatch(
      /model_q4\.onnx: chunk 1 of 1 does not match/,
    );
    expect((await storeState(page)).manifests).not.toContain('local/selftest/onnx/model_q4.onnx');

    // Store a fresh copy, damage it, and load: the load notices, fetches the file again and works.
    await page.getByRole('button', { name: 'Chat' }).click();
    await tokens(page);
    await corruptChunk(page, 'local/selftest/onnx/model_q4.onnx#000000');
    const fetched: string[] = [];
    // (A one-byte Range request may come too: vite preview compresses the file, so its size is asked.)
    page
      .context()
      .on('request', (r) => r.url().endsWith('model_q4.onnx') && !r.headers().range && fetched.push(r.url()));
    const reply = await tokens(page);
    expect(reply?.length).toBeGreaterThan(0);
    expect(fetched.length).toBe(1);
    await page.close();
  });

  it('deleting a model frees its chunks', async () => {
    const page = await openIn(context);
    await tokens(page);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    const row = page.locator('[data-testid="stored-model"][data-model="selftest"]');
    await row.getByRole('button', { name: 'Delete…' }).click();
    // It asks first, saying what and how much.
    await expect(row.getByRole('group', { name: 'Delete selftest?' }).textContent()).resolves.toMatch(
      /Delete selftest \([\d.]+ [kM]B\)/,
    );
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByTestId('store-message').textContent()).resolves.toMatch(/Deleted selftest/);
    const state = await storeState(page);
    expect(state.manifests.filter((k) => k.startsWith('local/selftest/'))).toEqual([]);
    expect(state.chunks.filter((k) => k.startsWith('local/selftest/'))).toEqual([]);
    expect(state.orphans).toEqual([]);
    await page.close();
  });
});
