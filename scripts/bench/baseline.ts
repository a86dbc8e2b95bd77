// `--baseline`: the same model and settings in a bare transformers.js page (scripts/bench/bare/), in the
// same browser, taking turns with the app, and app ÷ bare with the paired ratio of workers/bench/ratio.ts.
import type { BrowserContext } from 'playwright-core';
import { pairedRatio, type RatioEstimate } from '../../workers/bench/ratio.js';
import { findSuitePrompt } from '../../workers/bench/prompt-suite.js';
import type { BenchResult, LoadedConfiguration } from '../../workers/bench/result-schema.js';
import { ratioText } from '../../workers/bench/format.js';
import type { BenchOptions } from './options.js';

/** One bare run: what the app's BenchRun records for the same two figures. */
export interface BareRun {
  promptId: string;
  ttftMs: number;
  decodeTokensPerSecond: number | null;
  tokenIds: number[];
}

/** Loads the configuration in a fresh bare page, warms up, runs every prompt once, and closes the page. */
export async function runBare(
  context: BrowserContext,
  appUrl: string,
  loaded: LoadedConfiguration,
  hubUrl: string | null,
  options: BenchOptions,
): Promise<BareRun[]> {
  const page = await context.newPage();
  try {
    await page.goto(new URL('bare/index.html', appUrl).href);
    await page.waitForFunction(() => 'bare' in window, null, { timeout: 60_000 });
    const settings = {
      id: loaded.modelId,
      device: loaded.actualBackend,
      dtype: loaded.dtype,
      ortBuild: loaded.ortBuild,
      threads: loaded.wasmThreads,
      hubUrl,
    };
    await page.evaluate((s) => window.bare.load(s), settings);
    const run = (id: string) =>
      page.evaluate((a) => window.bare.run(a), {
        messages: findSuitePrompt(id)!.messages,
        tokens: options.tokens,
      });
    for (let i = 0; i < options.warmup; i++) await run(options.promptIds[0]!);
    const runs: BareRun[] = [];
    for (const id of options.promptIds) runs.push({ ...(await run(id)), promptId: id });
    await page.evaluate(() => window.bare.dispose());
    return runs;
  } finally {
    await page.close();
  }
}

/** Per configuration: app ÷ bare for decode speed (above 1: the app decodes faster) and first-token time. */
export interface BaselineRatios {
  configKey: string;
  decode: RatioEstimate | null;
  ttft: RatioEstimate | null;
  /** Pairs whose greedy tokens were identical, of all pairs: the two pages did the same work. */
  identical: [number, number];
}

/** Pairs the app's runs of each block with the bare runs of the same block, prompt for prompt. */
export function baselineRatios(
  blocks: { app: BenchResult; bare: Map<string, BareRun[]> }[],
): BaselineRatios[] {
  const keys = blocks[0]?.app.configurations.map((c) => c.config.key) ?? [];
  return keys.map((configKey) => {
    const pairs: { app: { ttftMs: number; decode: number | null; ids: number[] }; bare: BareRun }[] = [];
    for (const { app, bare } of blocks) {
      const appRuns = app.configurations.find((c) => c.config.key === configKey)?.runs ?? [];
      appRuns.forEach((r) => {
        const b = bare.get(configKey)?.find((run) => run.promptId === r.promptId);
        if (b)
          pairs.push({
            app: { ttftMs: r.ttftMs, decode: r.decodeTokensPerSecond, ids: r.tokenIds },
            bare: b,
          });
      });
    }
    const decodes = pairs.filter((p) => p.app.decode !== null && p.bare.decodeTokensPerSecond !== null);
    const same = pairs.filter((p) => p.app.ids.join() === p.bare.tokenIds.join()).length;
    return {
      configKey,
      identical: [same, pairs.length],
      decode: decodes.length
        ? pairedRatio(
            decodes.map((p) => p.app.decode!),
            decodes.map((p) => p.bare.decodeTokensPerSecond!),
          )
        : null,
      ttft: pairs.length
        ? pairedRatio(
            pairs.map((p) => p.app.ttftMs),
            pairs.map((p) => p.bare.ttftMs),
          )
        : null,
    };
  });
}

/** The Markdown section for app ÷ bare. */
export function baselineSection(ratios: BaselineRatios[], blocks: number): string[] {
  return [
    `## App ÷ bare transformers.js (${blocks} alternating blocks; 95% interval)`,
    '',
    'Decode: app tok/s ÷ bare tok/s (above 1: the app is faster). First token: app time ÷ bare time',
    '(above 1: the app is slower).',
    '',
    '| Configuration | Decode speed | First-token time | Identical tokens |',
    '| --- | ---: | ---: | ---: |',
    ...ratios.map(
      (r) =>
        `| ${r.configKey.split('|').join(' · ')} | ${ratioText(r.decode)} | ${ratioText(r.ttft)} | ` +
        `${r.identical[0]}/${r.identical[1]} |`,
    ),
    '',
  ];
}

declare global {
  interface Window {
    bare: {
      load(settings: object): Promise<void>;
      run(args: { messages: unknown; tokens: number }): Promise<Omit<BareRun, 'promptId'>>;
      dispose(): Promise<void>;
    };
  }
}
