import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useFaultHub } from './fault-hub';
import { choose, loadHubModel, openIn } from './harness';
import { storeState } from './store-inspect';

// One owner per model: a delete, in this tab or another, wins over a download that is still running.
describe('deleting a model while it downloads', () => {
  const hub = useFaultHub(
    'delete',
    ({ tiny, mid }) => ({
      'faults/slow-model-same-tab': mid,
      'faults/slow-model-other-tab': mid,
      'faults/config500-model': tiny,
      'faults/slow-model-shared': mid,
    }),
    { mid: true },
  );

  const open = () => openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
  const scoped = (keys: string[], id: string) => keys.filter((k) => k.includes(`/${id}@`));

  /** Starts a load and returns at once (the slow host trickles the file for several seconds). */
  async function startLoad(page: Page, id: string) {
    await page.getByLabel('Model', { exact: true }).selectOption('__other__');
    await page.getByLabel('Hub model id').fill(id);
    await choose(page, { model: '__other__', backend: 'WASM', dtype: 'fp32' });
  }

  /** Opens the Models view until the model's unfinished download is listed. */
  async function waitForPartial(page: Page, id: string) {
    const row = page.locator(`[data-testid="stored-model"][data-model="${id}"]`);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Chat', exact: true }).click();
          await page.getByRole('button', { name: 'Models on this device' }).click();
          return row.getByTestId('partial-download').count();
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    return row;
  }

  async function loadEnded(page: Page) {
    await expect
      .poll(
        async () =>
          (await page.getByTestId('loaded').count()) + (await page.getByTestId('load-error').count()),
        {
          timeout: 120_000,
        },
      )
      .toBeGreaterThan(0);
  }

  it('Delete in the same tab: the download stops writing and leaves nothing', async () => {
    const id = 'faults/slow-model-same-tab';
    const page = await open();
    await startLoad(page, id);
    const row = await waitForPartial(page, id);
    await row.getByRole('button', { name: 'Delete…' }).click();
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByTestId('store-message').textContent()).resolves.toMatch(`Deleted ${id}.`);
    await loadEnded(page);
    await expect(page.getByTestId('not-cached').textContent()).resolves.toMatch(
      /deleted while it was being written/,
    );
    const state = await storeState(page);
    expect({
      manifests: scoped(state.manifests, id).filter((k) => k.endsWith('.onnx')),
      partials: scoped(state.partials, id),
      chunks: scoped(state.chunks, id),
    }).toEqual({ manifests: [], partials: [], chunks: [] });
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await expect(
      page.locator(`[data-testid="stored-model"][data-model="${id}"]`).getByText('onnx/model.onnx').count(),
    ).resolves.toBe(0);
    await page.close();
  });

  it('Delete all in another tab: the download in this tab cannot list its file afterwards', async () => {
    const id = 'faults/slow-model-other-tab';
    const loader = await open();
    await startLoad(loader, id);
    const other = await openIn(hub.context);
    await waitForPartial(other, id);
    await other.getByRole('button', { name: 'Delete all models…' }).click();
    await other.getByRole('button', { name: 'Delete all', exact: true }).click();
    await expect(other.getByTestId('store-message').textContent()).resolves.toMatch(
      /Deleted every stored model/,
    );
    await loadEnded(loader);
    const state = await storeState(loader);
    expect({
      manifests: scoped(state.manifests, id),
      partials: scoped(state.partials, id),
      orphans: state.orphans,
    }).toEqual({
      manifests: [],
      partials: [],
      orphans: [],
    });
    await loader.close();
    await other.close();
  });

  it('two tabs that want the same file download it once: the second waits and reads it from the store', async () => {
    const id = 'faults/slow-model-shared';
    const first = await open();
    const second = await open();
    await startLoad(first, id);
    await waitForPartial(first, id); // the first tab's download is under way
    await startLoad(second, id);
    await loadEnded(first);
    await loadEnded(second);
    for (const page of [first, second]) expect(await page.getByTestId('load-error').count()).toBe(0);
    const downloads = hub.server.requests.filter(
      (r) => r.path === `/${id}/resolve/main/onnx/model.onnx` && !r.range,
    );
    expect(downloads).toHaveLength(1);
    await first.close();
    await second.close();
  });

  it('a server error on config.json is reported as one, not as bad JSON', async () => {
    const page = await open();
    await loadHubModel(page, 'faults/config500-model');
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(
      /did not serve a file \(config\.json: the server answered 500\)/,
    );
    await expect(page.getByTestId('load-error').textContent()).resolves.not.toMatch(/JSON/);
    await page.close();
  });
});
