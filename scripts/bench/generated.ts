// `--model gen:<preset>`: a Qwen2-shaped model with random weights, made by the project's generator on
// first use into .models/ (git-ignored) and imported into the app as a person would (Models on this device).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PRESETS } from '../test-model/qwen2-graph.js';

/** Imports the folder through the Models view's folder picker and waits until the app has stored it. */
export async function importFolder(page: Page, folder: string, log: (line: string) => void): Promise<void> {
  log(`importing ${folder} into the app (it copies the files into its store)`);
  await page.getByRole('button', { name: 'Models on this device' }).click();
  await page.locator('#import-folder').setInputFiles(folder);
  const message = page.getByTestId('store-message');
  for (const started = Date.now(); ; await page.waitForTimeout(1000)) {
    const text = ((await message.textContent({ timeout: 1000 }).catch(() => null)) ?? '').trim();
    if (/^Imported as /.test(text)) return log(text);
    if (/cannot|fail|error/i.test(text)) throw new Error(`the app refused the import: ${text}`);
    if (Date.now() - started > 600_000) throw new Error('the import did not finish in 10 minutes');
  }
}

/** The folder of a generated preset, made (q8, weights in external data) if it is not there yet. */
export async function generatedModel(preset: string, log: (line: string) => void): Promise<string> {
  if (!Object.hasOwn(PRESETS, preset))
    throw new Error(`--model gen:${preset}: no such preset (${Object.keys(PRESETS).join(', ')})`);
  const folder = join('.models', `${preset}-random-weights`);
  // NOTE: the generator writes the .onnx last and atomically: if it exists, the data file is complete.
  if (!existsSync(join(folder, 'onnx', 'model_quantized.onnx'))) await make(preset, folder, log);
  // transformers.js loads external data only when config.json says so (NOTES.md); the hub's repos do.
  const configPath = join(folder, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  config['transformers.js_config'] = { use_external_data_format: { 'model_quantized.onnx': 1 } };
  writeFileSync(configPath, JSON.stringify(config, null, 1));
  return folder;
}

/** Runs the generator in a child process, printing how long it has been going every 15 s. */
function make(preset: string, folder: string, log: (line: string) => void): Promise<void> {
  log(`making ${preset} (q8, random weights) into ${folder}: this takes minutes the first time`);
  const started = Date.now();
  const args = [
    'scripts/make-test-model.ts',
    folder,
    '--preset',
    preset,
    '--dtypes',
    'q8',
    '--external-data',
  ];
  const child = spawn('node_modules/.bin/tsx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = setInterval(
    () => log(`still making ${preset}… ${Math.round((Date.now() - started) / 1000)} s`),
    15_000,
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      clearInterval(timer);
      if (code === 0) {
        log(output.trim());
        resolve();
      } else reject(new Error(`the model generator failed: ${output.trim().split('\n')[0]}`));
    });
  });
}
