// CLI: `npm run bench` runs the app's Benchmark view headless in Chromium and writes its result.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { BenchResult } from '../workers/bench/result-schema.js';
import { validateResult } from '../workers/bench/result-validate.js';
import { baselineRatios, baselineSection, runBare, type BareRun } from './bench/baseline.js';
import { openBrowser } from './bench/browser.js';
import { runChat } from './bench/chat.js';
import { chatRatios, chatSection, type ChatBlock } from './bench/chat-report.js';
import { exportJson, fillPlan, runPlan } from './bench/drive.js';
import { PeakMemory } from './bench/memory.js';
import { prepareModel, type PreparedModel } from './bench/model.js';
import { parseOptions, OptionError, USAGE, type BenchOptions } from './bench/options.js';
import { cliMarkdown } from './bench/report.js';
import { distProblem, serveDist } from './bench/serve.js';

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

/** One plan through the Benchmark view in a fresh tab: the exported JSON text and its parsed result. */
async function appPlan(
  first: boolean,
  context: BrowserContext,
  url: string,
  model: PreparedModel,
  opts: BenchOptions,
  memory: PeakMemory,
) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto(url);
  await page.getByTestId('webgpu-status').waitFor({ state: 'attached', timeout: 60_000 });
  if (first && model.setup) await model.setup(page);
  log(`WebGPU: ${(await page.getByTestId('webgpu-status').textContent())?.trim().replace(/\s+/g, ' ')}`);
  await fillPlan(page, model.label, opts);
  log(await runPlan(page, log, (key) => memory.sample(key)));
  const text = await exportJson(page);
  await page.close();
  const json: unknown = JSON.parse(text);
  const checked = validateResult(json);
  if (!checked.ok) throw new Error(`the exported result is invalid: ${checked.errors.join('; ')}`);
  return { text, result: json as BenchResult };
}

async function main(opts: BenchOptions): Promise<number> {
  const problem = distProblem();
  if (problem) fail(problem, 2);
  const model = await prepareModel(opts.model, log);
  const server = await serveDist();
  const browser = await openBrowser(opts);
  const memory = new PeakMemory();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: true });
    // NOTE: --baseline and --chat take turns: one repetition of the app's plan, then the chat and the bare
    // page, `reps` times, so drift on a busy machine falls on both sides of each pair.
    const alternate = opts.baseline || opts.chat;
    const blocks = alternate ? opts.reps : 1;
    const plan = alternate ? { ...opts, reps: 1 } : opts;
    const runs: {
      text: string;
      result: BenchResult;
      bare: Map<string, BareRun[]>;
      chat: Map<string, ChatBlock>;
    }[] = [];
    for (let b = 1; b <= blocks; b++) {
      if (alternate) log(`block ${b} of ${blocks}: the Benchmark view`);
      const app = await appPlan(b === 1, context, server.url, model, plan, memory);
      const chat = new Map<string, ChatBlock>();
      for (const loaded of opts.chat ? (app.result.environment.loaded ?? []) : []) {
        log(`block ${b} of ${blocks}: the chat on ${loaded.configKey}`);
        const timer = setInterval(() => memory.sample(`chat|${loaded.configKey}`), 500);
        try {
          const session = await runChat(context, server.url, loaded, plan);
          chat.set(loaded.configKey, session);
          for (const r of session.runs)
            log(
              `chat ${r.promptId}: first token ${r.ttftMs.toFixed(0)} ms, ${r.reusedTokens} of ${r.promptTokens} prompt tokens reused`,
            );
          const turns = session.turns.map(
            (t) => `${t.ttftMs.toFixed(0)} (${t.promptTokens - t.reusedTokens}/${t.promptTokens})`,
          );
          log(`chat first tokens by turn, ms (prompt tokens prefilled/all): ${turns.join(', ')}`);
        } finally {
          clearInterval(timer);
        }
      }
      const bare = new Map<string, BareRun[]>();
      for (const loaded of opts.baseline ? (app.result.environment.loaded ?? []) : []) {
        log(`block ${b} of ${blocks}: bare transformers.js on ${loaded.configKey}`);
        const timer = setInterval(() => memory.sample(`bare|${loaded.configKey}`), 500);
        try {
          bare.set(loaded.configKey, await runBare(context, server.url, loaded, model.hubUrl, plan));
        } finally {
          clearInterval(timer);
        }
      }
      runs.push({ ...app, bare, chat });
    }
    mkdirSync(opts.out, { recursive: true });
    runs.forEach((r, i) => writeFileSync(join(opts.out, i ? `result-${i + 1}.json` : 'result.json'), r.text));
    const result = runs[0]!.result;
    const webgpuNote = opts.connect
      ? 'as the remote browser provides it'
      : { gpu: 'the GPU', swiftshader: 'SwiftShader (software, no GPU)', off: 'off' }[opts.webgpu];
    const sections = [
      ...(opts.baseline
        ? baselineSection(baselineRatios(runs.map((r) => ({ app: r.result, bare: r.bare }))), blocks)
        : []),
      ...(opts.chat
        ? chatSection(chatRatios(runs.map((r) => ({ app: r.result, chat: r.chat }))), blocks)
        : []),
    ];
    const md = cliMarkdown(result, { peakRss: memory.peaks, modelNote: model.note, webgpuNote, sections });
    writeFileSync(join(opts.out, 'result.md'), md);
    log(`wrote ${runs.length} result JSON file(s) and result.md to ${opts.out}`);
    console.log(md);
    const all = runs.map((r) => r.result);
    const bad = all
      .flatMap((r) => r.configurations)
      .filter((c) => ['failed', 'crashed', 'partial'].includes(c.status));
    for (const c of bad) log(`${c.config.key}: ${c.status}${c.error ? `: ${c.error}` : ''}`);
    return bad.length > 0 || all.some((r) => r.partial) ? 1 : 0;
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
