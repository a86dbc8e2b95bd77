// Drives the app's Benchmark view as a person would: fills the plan form, presses Start, follows the
// progress line, and clicks the app's own Export JSON when it ends.
import type { Download, Page } from 'playwright-core';
import type { BenchOptions } from './options.js';

const NAMES = { webgpu: 'WebGPU', wasm: 'WASM' } as const;

/** Fills the plan form for `modelLabel` (the label of its checkbox) with the options' plan. */
export async function fillPlan(page: Page, modelLabel: string, options: BenchOptions): Promise<void> {
  await page.getByRole('button', { name: 'Benchmark' }).click();
  // NOTE: the chat's model panel sits beside the view, with controls of the same names.
  const view = page.getByRole('region', { name: 'Benchmark', exact: true });
  await view.getByLabel(modelLabel, { exact: true }).check();
  for (const backend of ['webgpu', 'wasm'] as const) {
    const box = view.getByLabel(NAMES[backend], { exact: true });
    if (!options.backends.includes(backend)) {
      await box.uncheck();
      continue;
    }
    await box.check();
    for (const dtype of options.dtypes) {
      const precision = view.getByLabel(`${dtype} on ${NAMES[backend]}`);
      if ((await precision.count()) === 0) throw new Error(`${modelLabel} has no ${dtype} precision`);
      await precision.check();
    }
  }
  await view.getByRole('button', { name: 'None of the prompt suite' }).click();
  await view.getByRole('button', { name: 'None of the length sweep' }).click();
  for (const prompt of options.prompts) await view.getByLabel(prompt, { exact: true }).check();
  await view.getByLabel('Repetitions').fill(String(options.reps));
  await view.getByLabel('New tokens per run').fill(String(options.tokens));
  await view.getByLabel('Warm-up runs').fill(String(options.warmup));
}

const text = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .first()
    .textContent({ timeout: 1000 })
    .catch(() => null);

/** The configuration key a progress line names ("selftest on WASM (fp32)" → "selftest|wasm|fp32"). */
export function configKeyOf(status: string): string | null {
  const m = /(\S+) on (WebGPU|WASM) \((\w+)\)/.exec(status);
  return m ? `${m[1]}|${m[2]!.toLowerCase()}|${m[3]}` : null;
}

/**
 * Presses Start and waits for the view's closing message, printing each new progress line and calling
 * `tick` with the configuration running (about twice a second). Returns the closing message.
 */
export async function runPlan(
  page: Page,
  print: (line: string) => void,
  tick: (configKey: string | null) => void,
): Promise<string> {
  await page.getByRole('button', { name: 'Start benchmark' }).click();
  const problems = await text(page, 'plan-problems');
  if (problems) throw new Error(`the app refused the plan: ${problems.trim()}`);
  let last = '';
  for (;;) {
    const message = await text(page, 'bench-message');
    const running = (await page.getByTestId('bench-status').count()) > 0;
    if (message && !running) return message.trim();
    const status = ((await text(page, 'bench-status')) ?? '').trim();
    tick(configKeyOf(status));
    if (status && status !== last) print(status);
    last = status || last;
    await page.waitForTimeout(500);
  }
}

/** Clicks Export JSON on the newest result panel and returns the downloaded file's text. */
export async function exportJson(page: Page): Promise<string> {
  const panel = page.getByTestId('bench-result').first();
  const [download]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  // NOTE: a stream, not download.path(): with --connect the file lives on the remote machine.
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
