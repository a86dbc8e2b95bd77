import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useFaultHub } from './fault-hub';
import { chat, loadHubModel, openIn } from './harness';
import { corruptChunk, idbRecord, storeState } from './store-inspect';

const CHUNK = 32 * 1024 * 1024;

// Resumes are trusted only as far as they can be checked, and every wait ends.
describe('resuming downloads, on a hub-like host and on a plain static host', () => {
  const hub = useFaultHub(
    'resume',
    ({ tiny, mid }) => ({
      'faults/cut-model-lost': mid,
      'faults/cut-model-damaged': mid,
      'faults/changed-model': mid,
      'faults/cut-model-plain': mid,
      'faults/cut-model-resume': mid,
      'faults/stall-model': tiny,
      'test/tiny': tiny,
    }),
    { mid: true },
  );

  const open = () => openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
  const key = (id: string) => `${hub.server.keyPrefix}/${id}@main/onnx/model.onnx`;
  /** The ONNX file's requests for one model since `from`, as their Range headers ('' for none). */
  const ranges = (id: string, from: number) =>
    hub.server.requests
      .slice(from)
      .filter((r) => r.path === `/${id}/resolve/main/onnx/model.onnx` && r.range !== 'bytes=0-0')
      .map((r) => r.range ?? '');
  const errorText = (page: Page) => page.getByTestId('load-error').textContent();
  const ready = async (page: Page) => {
    const error = page.getByTestId('load-error');
    expect((await error.count()) ? await error.textContent() : 'ready').toBe('ready');
  };

  it('a kept chunk that vanished: the next load starts the file again instead of waiting forever', async () => {
    const page = await open();
    await loadHubModel(page, 'faults/cut-model-lost');
    await expect(errorText(page)).resolves.toMatch(/cut off\. What arrived is kept: load again to resume/);
    expect((await storeState(page)).partials).toEqual([key('faults/cut-model-lost')]);
    await idbRecord(page, 'llm-model-chunks', `${key('faults/cut-model-lost')}#000000`, null);
    const from = hub.server.requests.length;
    await loadHubModel(page, 'faults/cut-model-lost');
    await ready(page);
    expect(ranges('faults/cut-model-lost', from)).toEqual(['']);
    const state = await storeState(page);
    expect(state.manifests).toContain(key('faults/cut-model-lost'));
    expect(state.orphans).toEqual([]);
    await page.close();
  });

  it('a damaged kept chunk is caught before the model reads it; the partial is dropped, and the next load works', async () => {
    const page = await open();
    await loadHubModel(page, 'faults/cut-model-damaged');
    await expect(errorText(page)).resolves.toMatch(/What arrived is kept/);
    // The Models view shows the unfinished download, with what the next load will do.
    await page.getByRole('button', { name: 'Models on this device' }).click();
    const row = page.locator('[data-testid="stored-model"][data-model="faults/cut-model-damaged"]');
    await expect(row.getByTestId('partial-download').textContent()).resolves.toMatch(
      /onnx\/model\.onnx, 33\.6 MB of 62\.2 MB\.\s+Load the model again to resume it/,
    );
    await page.getByRole('button', { name: 'Chat' }).click();
    await corruptChunk(page, `${key('faults/cut-model-damaged')}#000000`);
    await loadHubModel(page, 'faults/cut-model-damaged');
    await expect(errorText(page)).resolves.toMatch(
      /Part 1 of the unfinished download of onnx\/model\.onnx was damaged/,
    );
    expect((await storeState(page)).partials).not.toContain(key('faults/cut-model-damaged'));
    const from = hub.server.requests.length;
    await loadHubModel(page, 'faults/cut-model-damaged');
    await ready(page);
    expect(ranges('faults/cut-model-damaged', from)).toEqual(['']);
    await page.close();
  });

  it('the Models view resumes an unfinished download with one click, from where it stopped', async () => {
    const id = 'faults/cut-model-resume';
    const page = await open();
    await loadHubModel(page, id);
    await expect(errorText(page)).resolves.toMatch(/What arrived is kept/);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    const from = hub.server.requests.length;
    await page
      .locator(`[data-testid="stored-model"][data-model="${id}"]`)
      .getByRole('button', { name: 'Resume download (fp32)' })
      .click();
    await expect.poll(() => page.getByTestId('loaded').count(), { timeout: 120_000 }).toBe(1);
    expect(await page.getByLabel('Message').isVisible()).toBe(true); // back in the chat
    expect(ranges(id, from)).toEqual([`bytes=${CHUNK}-`]);
    await page.close();
  });

  it('a file that changed on the server between the cut and the resume (new ETag) starts again, and verifies', async () => {
    const page = await open();
    await loadHubModel(page, 'faults/changed-model');
    await expect(errorText(page)).resolves.toMatch(/What arrived is kept/);
    const from = hub.server.requests.length;
    await loadHubModel(page, 'faults/changed-model');
    await ready(page);
    // It asked to resume, saw another version, and downloaded the new one whole.
    expect(ranges('faults/changed-model', from)).toEqual([`bytes=${CHUNK}-`, '']);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await page
      .locator('[data-testid="stored-model"][data-model="faults/changed-model"]')
      .getByRole('button', { name: 'Verify' })
      .click();
    await expect(page.getByTestId('store-message').textContent()).resolves.toMatch(/all 5 files are intact/);
    await page.close();
  });

  it('on a plain static host (no exposed ETag or Content-Range) a cut says the file starts again, and it does', async () => {
    hub.server.plain = true;
    try {
      const page = await open();
      await loadHubModel(page, 'faults/cut-model-plain');
      await expect(errorText(page)).resolves.toMatch(/Load again to download it from the start/);
      expect((await storeState(page)).partials).not.toContain(key('faults/cut-model-plain'));
      const from = hub.server.requests.length;
      await loadHubModel(page, 'faults/cut-model-plain');
      await ready(page);
      expect(ranges('faults/cut-model-plain', from)).toEqual(['']);

      // A file whose bytes were all written but whose manifest never was (a tab closed at that moment):
      // no Range past the end (this host answers 416 there); the file is fetched again and the model loads.
      const manifest = (await idbRecord(
        page,
        'llm-model-store',
        `manifest:${key('faults/cut-model-plain')}`,
      )) as {
        size: number;
        chunkHashes: string[];
        chunkHash: string;
        source: string;
      };
      await idbRecord(page, 'llm-model-store', `manifest:${key('faults/cut-model-plain')}`, null);
      await idbRecord(page, 'llm-model-store', `partial:${key('faults/cut-model-plain')}`, {
        key: key('faults/cut-model-plain'),
        source: manifest.source,
        bytes: manifest.size,
        chunkHashes: manifest.chunkHashes,
        chunkHash: manifest.chunkHash,
        total: manifest.size,
        etag: '"x"',
        contentType: 'application/octet-stream',
        startedAt: Date.now(),
      });
      const again = hub.server.requests.length;
      await loadHubModel(page, 'faults/cut-model-plain');
      await ready(page);
      expect(ranges('faults/cut-model-plain', again)).toEqual(['']);
      const state = await storeState(page);
      expect(state.partials).not.toContain(key('faults/cut-model-plain'));
      expect(state.manifests).toContain(key('faults/cut-model-plain'));
      await page.close();
    } finally {
      hub.server.plain = false;
    }
  });

  it('a download that stalls fails after 30 s naming the file and the host; the app then loads and chats', async () => {
    const page = await open();
    await loadHubModel(page, 'faults/stall-model');
    await expect(errorText(page)).resolves.toMatch(
      new RegExp(
        `onnx/model\\.onnx from ${new URL(hub.server.url).host.replace('.', '\\.')} stalled: no data for 30 s`,
      ),
    );
    expect(await page.getByRole('button', { name: 'Load' }).isEnabled()).toBe(true);
    await loadHubModel(page, 'test/tiny');
    await ready(page);
    await page.getByLabel('Max new tokens').fill('3');
    await expect(chat(page, 'still here?').then((r) => r.getByTestId('reply-stats').count())).resolves.toBe(
      1,
    );
    const state = await storeState(page);
    expect(
      state.manifests.filter(
        (k) => k.startsWith(`${hub.server.keyPrefix}/faults/stall-model@`) && k.endsWith('.onnx'),
      ),
    ).toEqual([]);
    await page.close();
  });
});
