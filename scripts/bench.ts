// CLI: `npm run bench` runs the app's Benchmark view headless in Chromium and writes its result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult } from '../workers/bench/result-schema.js';
import { validateResult } from '../workers/bench/result-validate.js';
import { openBrowser } from './bench/browser.js';
import { exportJson, fillPlan, runPlan } from './bench/drive.js';
import { PeakMemory } from './bench/memory.js';
import { parseOptions, OptionError, USAGE, type BenchOptions } from './bench/options.js';
import { cliMarkdown } from './bench/report.js';
import { distProblem, serveDist } from './bench/serve.js';
import { prepareModel, type PreparedModel } from './bench/model.js';

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Exits with one readable line: no stack trace for a problem the person can fix. */
function fail(message: string, code = 1): never {
  console.error(`bench: ${message}`);
  process.exit(code);
}

function options(): BenchOptions {
  try {
    const parsed = parseOptions(process.argv.slice(2));
    if (parsed) return parsed;
    console.log(USAGE);
    process.exit(0);
  } catch (err) {
    if (err instanceof OptionError) fail(`${err.message} (see --help)`, 2);
    throw err;
  }
}

async function main(opts: BenchOptions): Promise<number> {
  const problem = distProblem();
  if (problem) fail(problem, 2);
  const model: PreparedModel = await prepareModel(opts.model, log);
  const server = await serveDist();
  const browser = await openBrowser(opts);
  const memory = new PeakMemory();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    await page.goto(server.url + model.query);
    await page.getByTestId('webgpu-status').waitFor({ state: 'attached', timeout: 60_000 });
    if (model.query) await page.getByRole('button', { name: 'Use this mirror' }).click();
    log(`WebGPU: ${(await page.getByTestId('webgpu-status').textContent())?.trim().replace(/\s+/g, ' ')}`);
    await fillPlan(page, model.label, opts);
    const ended = await runPlan(page, log, (key) => memory.sample(key));
    log(ended);
    const text = await exportJson(page);
    const json: unknown = JSON.parse(text);
    const checked = validateResult(json);
    if (!checked.ok) throw new Error(`the exported result is invalid: ${checked.errors.join('; ')}`);
    const result = json as BenchResult;
    mkdirSync(opts.out, { recursive: true });
    writeFileSync(join(opts.out, 'result.json'), text);
    const webgpuNote = opts.connect
      ? 'as the remote browser provides it'
      : { gpu: 'the GPU', swiftshader: 'SwiftShader (software, no GPU)', off: 'off' }[opts.webgpu];
    const md = cliMarkdown(result, { peakRss: memory.peaks, modelNote: model.note, webgpuNote });
    writeFileSync(join(opts.out, 'result.md'), md);
    log(`wrote ${join(opts.out, 'result.json')} and result.md`);
    console.log(md);
    const bad = result.configurations.filter((c) => ['failed', 'crashed', 'partial'].includes(c.status));
    for (const c of bad) log(`${c.config.key}: ${c.status}${c.error ? `: ${c.error}` : ''}`);
    return bad.length > 0 || result.partial ? 1 : 0;
  } finally {
    await browser.close();
    await server.stop();
    await model.stop();
  }
}

const opts = options();
main(opts).then(
  (code) => process.exit(code),
  (err: unknown) => fail(err instanceof Error ? err.message.split('\n')[0]! : String(err)),
);
