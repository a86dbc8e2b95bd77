import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../scripts/test-model/write-model';
import { chat, choose, launchPersistent, openIn } from './harness';
import { storeState } from './store-inspect';

/** Writes the entries of a .zip (stored, uncompressed, as client-zip writes them) under a folder. */
function unzip(zip: Buffer, into: string): void {
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) !== 0x06054b50) continue;
    let at = zip.readUInt32LE(i + 16);
    for (let n = zip.readUInt16LE(i + 10); n > 0; n--) {
      const nameLength = zip.readUInt16LE(at + 28);
      const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
      const size = zip.readUInt32LE(at + 20);
      const local = zip.readUInt32LE(at + 42);
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      mkdirSync(dirname(join(into, name)), { recursive: true });
      writeFileSync(join(into, name), zip.subarray(data, data + size));
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return;
  }
  throw new Error('not a zip');
}

/** File names in a .zip, read from its central directory (client-zip stores entries uncompressed). */
function zipNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) !== 0x06054b50) continue;
    let at = zip.readUInt32LE(i + 16);
    for (let n = zip.readUInt16LE(i + 10); n > 0; n--) {
      const nameLength = zip.readUInt16LE(at + 28);
      names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    break;
  }
  return names.sort();
}

describe('import a model folder from disk, and export one', () => {
  let context: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'import-'));
    writeTestModel(join(dir, 'my-demo-model'), { dtypes: ['q4'], seed: 7 });
    mkdirSync(join(dir, 'not-a-model'));
    writeFileSync(join(dir, 'not-a-model', 'config.json'), '{ "model_type": ');
    writeFileSync(join(dir, 'not-a-model', 'notes.txt'), 'hello');
    // Broken copies of a good model: each must be refused, naming the file and the reason.
    const broken = (name: string, file: string, content: string | Uint8Array) => {
      cpSync(join(dir, 'my-demo-model'), join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, file), content);
    };
    broken('empty-onnx', 'onnx/model_q4.onnx', '');
    broken(
      'random-onnx',
      'onnx/model_q4.onnx',
      new Uint8Array(50_000).map((_, i) => (i * 2654435761) >>> 24),
    );
    broken('bad-tokenizer', 'tokenizer.json', '{"version":"1.0","model":{"type":"NoSuchModel"}}');
    broken('bert-config', 'config.json', '{"model_type":"bert"}');

    context = await launchPersistent(join(dir, 'profile'));
  });
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a folder that is not a model, saying what is missing', async () => {
    const page = await openIn(context);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await page.locator('#import-folder').setInputFiles(join(dir, 'not-a-model'));
    await expect(page.getByTestId('store-message').textContent()).resolves.toMatch(
      /cannot be imported: config\.json is not valid JSON; tokenizer\.json is missing; there is no ONNX model in onnx\//,
    );
    expect((await storeState(page)).manifests.filter((k) => k.includes('imported/'))).toEqual([]);
    await page.close();
  });

  it('refuses broken files before listing anything: an empty or random ONNX file, a bad tokenizer, a model type it cannot run', async () => {
    const page = await openIn(context);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    const cases: [string, RegExp][] = [
      ['empty-onnx', /onnx\/model_q4\.onnx is not an ONNX model \(the file is empty\)/],
      ['random-onnx', /onnx\/model_q4\.onnx is not an ONNX model \(/],
      ['bad-tokenizer', /tokenizer\.json: the tokenizer does not load/],
      ['bert-config', /config\.json: model_type "bert" is not a language model this app can run/],
    ];
    for (const [folder, reason] of cases) {
      await page.locator('#import-folder').setInputFiles(join(dir, folder));
      await expect
        .poll(() => page.getByTestId('store-message').textContent(), { timeout: 30_000 })
        .toMatch(reason);
      await page.getByRole('button', { name: 'Chat' }).click();
      await page.getByRole('button', { name: 'Models on this device' }).click();
    }
    const state = await storeState(page);
    expect(state.manifests.filter((k) => k.includes('imported/'))).toEqual([]);
    expect(await page.locator('#model option[value^="imported/"]').count()).toBe(0);
    await page.close();
  });

  it("round-trips its own export: the .zip's folder (owner--name), and copies named with dots and underscores, import and chat", async () => {
    const page = await openIn(context);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await page.locator('#import-folder').setInputFiles(join(dir, 'my-demo-model'));
    await expect
      .poll(() => page.getByTestId('store-message').textContent())
      .toMatch('Imported as imported/my-demo-model.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('[data-testid="stored-model"][data-model="imported/my-demo-model"]')
        .getByRole('button', { name: 'Download .zip' })
        .click(),
    ]);
    unzip(readFileSync(await download.path()), join(dir, 'exported'));
    const exported = join(dir, 'exported', 'imported--my-demo-model');
    cpSync(exported, join(dir, 'exported', 'my.demo.'), { recursive: true });
    cpSync(exported, join(dir, 'exported', 'under_score_'), { recursive: true });
    const expected: [string, string][] = [
      ['imported--my-demo-model', 'imported/imported-my-demo-model'],
      ['my.demo.', 'imported/my.demo'],
      ['under_score_', 'imported/under_score'],
    ];
    for (const [folder, id] of expected) {
      await page.getByRole('button', { name: 'Models on this device' }).click();
      await page.locator('#import-folder').setInputFiles(join(dir, 'exported', folder));
      await expect
        .poll(() => page.getByTestId('store-message').textContent(), { timeout: 30_000 })
        .toMatch(`Imported as ${id}.`);
      await page.getByRole('button', { name: 'Chat', exact: true }).click();
      await choose(page, { model: id, backend: 'WASM', dtype: 'q4' });
      await expect
        .poll(
          () =>
            page
              .getByTestId('loaded')
              .textContent()
              .catch(() => ''),
          { timeout: 120_000 },
        )
        .toContain(`${id.slice('imported/'.length)} (imported)`);
      await page.getByLabel('Max new tokens').fill('3');
      await expect(chat(page, 'round trip').then((r) => r.getByTestId('reply-stats').count())).resolves.toBe(
        1,
      );
    }
    await page.close();
  });

  it('a reload during an import lists nothing, and the next start removes what it wrote', async () => {
    const big = join(dir, 'big-model');
    cpSync(join(dir, 'my-demo-model'), big, { recursive: true });
    writeFileSync(join(big, 'onnx', 'zz-extra.bin'), new Uint8Array(200 * 2 ** 20).fill(7));
    const page = await openIn(context);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await page.locator('#import-folder').setInputFiles(big);
    const progress = page.getByTestId('import-progress');
    await expect
      .poll(
        async () =>
          (await progress.count()) ? progress.evaluate((el) => (el as HTMLProgressElement).value) : 0,
        { timeout: 60_000 },
      )
      .toBeGreaterThan(40 * 2 ** 20);
    await page.reload();
    await expect
      .poll(() => page.getByTestId('webgpu-status').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(
        async () => {
          const state = await storeState(page);
          return { listed: state.manifests.filter((k) => k.includes('big-model')), orphans: state.orphans };
        },
        { timeout: 30_000 },
      )
      .toEqual({ listed: [], orphans: [] });
    await page.getByRole('button', { name: 'Models on this device' }).click();
    expect(await page.locator('[data-testid="stored-model"][data-model="imported/big-model"]').count()).toBe(
      0,
    );
    await page.close();
  });

  it('imports a folder, loads it with no model file from any server, and exports it as a .zip', async () => {
    const page = await openIn(context);
    await page.getByRole('button', { name: 'Models on this device' }).click();
    await page.locator('#import-folder').setInputFiles(join(dir, 'my-demo-model'));
    await expect(page.getByTestId('store-message').textContent()).resolves.toMatch(
      /Imported as imported\/my-demo-model/,
    );

    // Nothing but the app's own code may load: no model file from any server. (Opening the app itself
    // with no network at all is the service worker's job.)
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (/\/(assets|ort)\//.test(url)) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    try {
      await page.getByRole('button', { name: 'Chat' }).click();
      await choose(page, { model: 'imported/my-demo-model', backend: 'WASM', dtype: 'q4' });
      await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
      await expect(page.getByTestId('cache-summary').textContent()).resolves.toMatch(/came from this device/);
      await page.getByLabel('Max new tokens').fill('4');
      await expect(
        chat(page, 'Offline demo').then((r) => r.getByTestId('reply-stats').count()),
      ).resolves.toBe(1);
      // Only optional files the folder does not have were looked for (and not found).
      expect(blocked.filter((u) => !/generation_config|preprocessor|processor_config/.test(u))).toEqual([]);
    } finally {
      await context.unroute('**/*');
    }

    await page.getByRole('button', { name: 'Models on this device' }).click();
    const row = page.locator('[data-testid="stored-model"][data-model="imported/my-demo-model"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download .zip' }).click(),
    ]);
    const zip = readFileSync(await download.path());
    expect(download.suggestedFilename()).toBe('imported--my-demo-model.zip');
    expect(zipNames(zip)).toEqual(
      [
        'config.json',
        'generation_config.json',
        'onnx/model_q4.onnx',
        'tokenizer.json',
        'tokenizer_config.json',
      ].map((f) => `imported--my-demo-model/${f}`),
    );
    // The exported weights are byte for byte what was imported.
    const original = readFileSync(join(dir, 'my-demo-model', 'onnx/model_q4.onnx'));
    expect(zip.includes(original)).toBe(true);
    await page.close();
  });
});

describe('a full disk', () => {
  let context: BrowserContext;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quota-'));
    context = await launchPersistent(join(dir, 'profile'));
  });
  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the model is not cached, stores nothing partial, and a smaller model still caches', async () => {
    const page = await openIn(context);
    const origin = new URL(page.url()).origin;
    const cdp = await context.newCDPSession(page);
    // Room for the small files but not for the 470 kB fp32 weights.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 400_000 });
    await choose(page, { backend: 'WASM', dtype: 'fp32' });
    await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('not-cached').textContent()).resolves.toMatch(
      /not enough storage for onnx\/model\.onnx/,
    );
    await page.getByLabel('Max new tokens').fill('3');
    await expect(chat(page, 'from memory').then((r) => r.getByTestId('reply-stats').count())).resolves.toBe(
      1,
    );
    const state = await storeState(page);
    expect(state.manifests).not.toContain('local/selftest/onnx/model.onnx');
    expect(state.partials).toEqual([]);
    expect(state.orphans).toEqual([]);

    // The 154 kB q4 weights fit.
    await choose(page, { backend: 'WASM', dtype: 'q4' });
    await page.getByTestId('loaded').waitFor({ timeout: 120_000 });
    await expect
      .poll(async () => (await storeState(page)).manifests)
      .toContain('local/selftest/onnx/model_q4.onnx');
    await page.close();
  });
});
