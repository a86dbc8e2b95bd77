// Measures model load time from the model store (IndexedDB) against transformers.js's default Cache API,
// side by side in one Chromium run with a real profile. Needs `npm run build` first.
// usage: npm run bench:store [-- --repeats N] [--big-mb N]
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import { writeTestModel } from './test-model/write-model';

const { values } = parseArgs({
  options: { repeats: { type: 'string', default: '3' }, 'big-mb': { type: 'string', default: '300' } },
});
const repeats = Number(values.repeats);
const dist = process.env.DIST_DIR ?? 'dist';
if (!existsSync(join(dist, 'index.html')))
  throw new Error(`run \`npm run build\` first (no ${dist}/index.html)`);

const work = mkdtempSync(join(tmpdir(), 'bench-store-'));
// A mid-size model: one layer is ~15 M fp32 values (~60 MB) at hidden 1024, intermediate 4096.
const layers = Math.max(1, Math.round(Number(values['big-mb']) / 61));
writeTestModel(join(work, 'tiny'), { dtypes: ['fp32'] });
writeTestModel(join(work, 'big'), {
  preset: { vocab: 320, hidden: 1024, layers, heads: 8, kvHeads: 2, headDim: 128, intermediate: 4096 },
  dtypes: ['fp32'],
  externalData: false,
});
const models = { 'bench/tiny': join(work, 'tiny'), 'bench/big': join(work, 'big') };

// A hub stand-in: serves /<owner>/<name>/resolve/main/<file> with CORS, as the hub does.
const hub = createServer((req, res) => {
  const m = /^\/(\w+\/\w+)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
  const dir = m && models[m[1] as keyof typeof models];
  const file = dir && join(dir, m[2]!);
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (!file || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Length': statSync(file).size, 'Content-Type': 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
const hubUrl = `http://127.0.0.1:${(hub.address() as { port: number }).port}/`;
const app = await preview({
  build: { outDir: dist },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'warn',
});
const appUrl = app.resolvedUrls!.local[0]!;

async function loadOnce(context: BrowserContext, id: string, cache: string) {
  const page = await context.newPage();
  await page.goto(`${appUrl}?hub=${encodeURIComponent(hubUrl)}&cache=${cache}`);
  await page.getByRole('button', { name: 'Use this mirror' }).click();
  await page.getByLabel('Model', { exact: true }).selectOption('__other__');
  await page.getByLabel('Hub model id').fill(id);
  await page.getByLabel('WASM', { exact: true }).check();
  await page.getByLabel('Precision').selectOption('fp32');
  await page.getByRole('button', { name: 'Load' }).click();
  const loaded = page.getByTestId('loaded');
  await loaded.waitFor({ timeout: 600_000 });
  const ms = {
    fetch: Number(await loaded.getAttribute('data-fetch-ms')),
    load: Number(await loaded.getAttribute('data-load-ms')),
  };
  await page.close();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
for (const id of Object.keys(models)) {
  const result: Record<string, { fetch: number[]; load: number[] }> = {};
  for (const cache of ['store', 'browser-cache']) {
    const profile = join(work, `profile-${cache}-${id.replace('/', '-')}`);
    const context = await chromium.launchPersistentContext(profile, {
      serviceWorkers: 'block', // measure the store, not the app shell's precaching
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    await loadOnce(context, id, cache); // first visit: download and cache
    result[cache] = { fetch: [], load: [] };
    for (let i = 0; i < repeats; i++) {
      const ms = await loadOnce(context, id, cache);
      result[cache].fetch.push(ms.fetch);
      result[cache].load.push(ms.load);
    }
    await context.close();
  }
  const s = result.store!;
  const c = result['browser-cache']!;
  const bytes =
    Object.values(models).length && statSync(join(models[id as keyof typeof models], 'onnx/model.onnx')).size;
  rows.push(
    `| ${id} (${(bytes / 1e6).toFixed(1)} MB) | ${median(s.fetch).toFixed(0)} / ${median(s.load).toFixed(0)} | ` +
      `${median(c.fetch).toFixed(0)} / ${median(c.load).toFixed(0)} | ${(median(s.fetch) / median(c.fetch)).toFixed(2)} | ` +
      `${(median(s.load) / median(c.load)).toFixed(2)} |`,
  );
}
console.log(`Cached load on WASM, median of ${repeats} (ms: file read / whole load, until ready to warm up)`);
console.log('| model | store | Cache API | ratio read (store / Cache API) | ratio load |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
hub.close();
app.httpServer.close();
rmSync(work, { recursive: true, force: true });
