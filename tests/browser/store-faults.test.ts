import { describe, expect, it } from 'vitest';
import { useFaultHub } from './fault-hub';
import { chat, loadHubModel, openIn } from './harness';
import { storeState } from './store-inspect';

describe('downloads that go wrong, from a hub stand-in on 127.0.0.1', () => {
  const hub = useFaultHub(
    'faults',
    ({ tiny, mid }) => ({
      'faults/500-model': tiny,
      'faults/html-model': tiny,
      'faults/truncated-model': tiny,
      'faults/wrong-size-model': tiny,
      'faults/cut-model': mid,
      'test/tiny': tiny,
    }),
    { mid: true },
  );

  const loadFromHub = loadHubModel;

  const cases: [string, RegExp][] = [
    ['faults/500-model', /server answered 500|is missing|failed/],
    ['faults/html-model', /./],
    ['faults/truncated-model', /./],
  ];
  for (const [id, message] of cases) {
    it(`${id}: a clear message, and nothing wrong left in the store`, async () => {
      const page = await openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
      await loadFromHub(page, id);
      await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(message);
      const state = await storeState(page);
      expect(
        state.manifests.filter((k) => k.startsWith(`${hub.server.keyPrefix}/${id}@`) && k.endsWith('.onnx')),
      ).toEqual([]);
      expect(state.orphans).toEqual([]);
      // The app still works: a good model from the same host loads and chats.
      await loadFromHub(page, 'test/tiny');
      await page.getByLabel('Max new tokens').fill('3');
      await expect(chat(page, 'ok?').then((r) => r.getByTestId('reply-stats').count())).resolves.toBe(1);
      await page.close();
    });
  }

  it('a file shorter than the server declared is reported and not stored', async () => {
    const page = await openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
    await loadFromHub(page, 'faults/wrong-size-model');
    // Chromium reports the short body as a broken connection; either way the file is not kept.
    await expect(page.getByTestId('not-cached').textContent()).resolves.toMatch(
      /model\.onnx: (the download was cut off|got \d+ bytes, expected \d+)/,
    );
    const state = await storeState(page);
    expect(
      state.manifests.filter(
        (k) => k.startsWith(`${hub.server.keyPrefix}/faults/wrong-size-model@`) && k.endsWith('.onnx'),
      ),
    ).toEqual([]);
    expect(state.orphans).toEqual([]);
    await page.close();
  });

  it('a download cut mid-file resumes with an HTTP Range request on the next load', async () => {
    const page = await openIn(hub.context, `?hub=${encodeURIComponent(hub.server.url)}`);
    await loadFromHub(page, 'faults/cut-model');
    await expect(page.getByTestId('load-error').textContent()).resolves.toMatch(/cut off/);
    const afterCut = await storeState(page);
    expect(afterCut.partials).toEqual([`${hub.server.keyPrefix}/faults/cut-model@main/onnx/model.onnx`]);
    expect(afterCut.manifests).not.toContain(`${hub.server.keyPrefix}/faults/cut-model@main/onnx/model.onnx`);

    await loadFromHub(page, 'faults/cut-model');
    const error = page.getByTestId('load-error');
    expect(await error.count(), (await error.count()) ? ((await error.textContent()) ?? '') : '').toBe(0);
    await expect(page.getByTestId('backend').textContent()).resolves.toBe('WASM');
    const resumes = hub.server.requests.filter(
      (r) => r.path.endsWith('model.onnx') && r.range && r.range !== 'bytes=0-0',
    );
    expect(resumes.map((r) => r.range)).toEqual([`bytes=${32 * 1024 * 1024}-`]);
    const done = await storeState(page);
    expect(done.manifests).toContain(`${hub.server.keyPrefix}/faults/cut-model@main/onnx/model.onnx`);
    expect(done.partials).toEqual([]);
    await page.close();
  });
});
