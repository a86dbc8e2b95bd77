// The README's screenshots, made against the built app (`npm run build` first):
//   npx tsx scripts/screenshots.ts            (all)
//   npx tsx scripts/screenshots.ts --chat     (only the chat's, which take seconds, not minutes)
// 0. docs/chat-laptop.png, docs/chat-phone.png: the chat with the self-test model and a short exchange.
// 1. docs/bench-result.png: a real short benchmark of the self-test model (WebGPU through SwiftShader and
//    WASM on this machine): the answer sentence and the statistics table.
// 2. docs/bench-sweep.png: that run's length-sweep chart.
// 3. docs/bench-devices.png: three illustrative result files (tests/browser/device-results.ts: made-up
//    runs with three devices' environments) imported and compared side by side.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { preview } from 'vite';
import { DEVICES, deviceResult } from '../tests/browser/device-results';
import { shootChat } from './screenshots-chat';

const OUT = 'docs';
const ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

/** The self-test model on both backends: two suite prompts and two sweep lengths, three repetitions. */
async function runBenchmark(page: Page): Promise<void> {
  const view = page.getByRole('region', { name: 'Benchmark', exact: true });
  await view.getByLabel('Self-test model (random weights)').check();
  for (const backend of ['WebGPU', 'WASM']) {
    await view.getByLabel(backend, { exact: true }).check();
    await view.getByLabel(`fp32 on ${backend}`).check();
  }
  await view.getByRole('button', { name: 'None of the prompt suite' }).click();
  for (const prompt of [
    'Short factual question',
    'Python function',
    '~16 prompt tokens',
    '~128 prompt tokens',
  ])
    await view.getByLabel(prompt).check();
  await view.getByLabel('Repetitions').fill('3');
  await view.getByLabel('New tokens per run').fill('8');
  await view.getByRole('button', { name: 'Start benchmark' }).click();
  await page
    .getByTestId('bench-message')
    .filter({ hasText: /finished/ })
    .waitFor({ timeout: 300_000 });
}

/** A screenshot from the top of `from` to the bottom of `to`. */
async function shoot(page: Page, from: Locator, to: Locator, file: string): Promise<void> {
  // NOTE: page coordinates, not the viewport's: a full-page clip is measured from the top of the page.
  const box = (l: Locator) =>
    l.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    });
  const [a, b] = [await box(from), await box(to)];
  const clip = { x: a.x - 8, y: a.y - 8, width: a.width + 16, height: b.y + b.height - a.y + 16 };
  await page.screenshot({ path: `${OUT}/${file}`, clip, fullPage: true });
  console.log(`${OUT}/${file}`);
}

/** docs/bench-*.png: a real short benchmark, its sweep chart, and three devices' results compared. */
async function shootBench(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url);
  await page.getByRole('button', { name: 'Benchmark' }).click();
  await runBenchmark(page);
  const panel = page.getByTestId('bench-result').first();
  await shoot(page, panel, panel.getByTestId('summary-table'), 'bench-result.png');
  const sweep = panel.getByTestId('bench-chart').last();
  await shoot(page, sweep, sweep, 'bench-sweep.png');
  await panel.getByRole('button', { name: /^Close/ }).click();

  const files = DEVICES.map((d) => ({
    name: d.file,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(deviceResult(d))),
  }));
  await page.getByLabel(/Import earlier results/).setInputFiles(files);
  const compare = page.getByTestId('device-compare');
  for (const { file } of DEVICES) await compare.getByRole('checkbox', { name: file }).check();
  await shoot(page, compare, compare, 'bench-devices.png');
}

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const url = server.resolvedUrls?.local[0];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  if (!url) throw new Error('vite preview did not report a URL');
  await mkdir(OUT, { recursive: true });
  await shootChat(browser, url, OUT);
  if (!process.argv.includes('--chat')) await shootBench(browser, url);
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
