import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../workers/bench/result-schema';
import { validateResult } from '../../workers/bench/result-validate';
import { launch, openApp } from './harness';

const run = promisify(execFile);
const bench = (args: string[], timeout = 170_000) =>
  run('node_modules/.bin/tsx', ['scripts/bench.ts', ...args], { timeout }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('npm run bench', () => {
  let browser: Browser;
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'bench-cli-'));
    browser = await launch({ webgpu: false });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('refuses a bad option with one line and exit code 2', async () => {
    const { code, stderr } = await bench(['--reps=abc']);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('bench: --reps must be a whole number from 1 to 100, not "abc" (see --help)');
  });

  it('runs the self-test model on both backends, writes a valid result, and the app imports it', async () => {
    const { code, stdout } = await bench(['--out', out, '--reps=2', '--tokens=4']);
    expect(code).toBe(0);
    // NOTE: the progress line is sampled twice a second: a short step may not be printed, a load always is.
    expect(stdout).toMatch(/of 4 runs done · Loading selftest on WebGPU \(fp32\)/);
    expect(stdout).toMatch(/The benchmark finished\./);
    const text = await readFile(join(out, 'result.json'), 'utf8');
    const json: unknown = JSON.parse(text);
    const checked = validateResult(json);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const result = json as BenchResult;
    expect(result.configurations.map((c) => [c.config.key, c.status, c.runs.length])).toEqual([
      ['selftest|webgpu|fp32', 'ok', 2],
      ['selftest|wasm|fp32', 'ok', 2],
    ]);
    expect(result.configurations.flatMap((c) => c.runs.map((r) => r.newTokens))).toEqual([4, 4, 4, 4]);

    const md = await readFile(join(out, 'result.md'), 'utf8');
    expect(md).toMatch(/^# Benchmark result/);
    expect(md).toMatch(/\| selftest · wasm · fp32 \| 0\.\d MiB \| \d+\.\d MiB \|/);
    expect(md).toContain('SwiftShader');

    const { page } = await openApp(browser);
    await page.getByRole('button', { name: 'Benchmark' }).click();
    await page.getByLabel(/Import earlier results/).setInputFiles(join(out, 'result.json'));
    const imported = page.locator('[data-testid="bench-result"][data-origin="imported"]');
    await expect.poll(() => imported.count(), { timeout: 30_000 }).toBe(1);
    await expect(page.getByTestId('import-errors').count()).resolves.toBe(0);
    await expect(
      imported
        .locator('tr[data-config-key="selftest|wasm|fp32"] [data-testid="config-status"]')
        .textContent(),
    ).resolves.toBe('ok');
  });

  it('--chat times the chat beside the view, with turn 6 ÷ turn 1, and records the WASM heap', async () => {
    const dir = join(out, 'chat');
    const args = ['--out', dir, '--backends=wasm', '--reps=2', '--tokens=4', '--warmup=0', '--chat'];
    const { code, stdout } = await bench(args, 400_000);
    expect(code).toBe(0);
    expect(stdout).toMatch(/block 2 of 2: the chat on selftest\|wasm\|fp32/);
    expect(stdout).toMatch(/chat fact-short: first token \d+ ms, 0 of \d+ prompt tokens reused/);
    expect(stdout).toMatch(
      /chat first tokens by turn, ms \(prompt tokens prefilled\/all\): (\d+ \(\d+\/\d+\), ){5}/,
    );
    const result = JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')) as BenchResult;
    const heaps = result.configurations[0]!.runs.map((r) => r.memory?.wasmHeapBytes ?? 0);
    expect(heaps.every((bytes) => bytes >= 256 * 65536)).toBe(true);
    const md = await readFile(join(dir, 'result.md'), 'utf8');
    expect(md).toMatch(/\| selftest · wasm · fp32 \| [^|]+ \| [^|]+ \| \d+\.\d MiB \|/);
    expect(md).toContain('## Chat ÷ Benchmark view (2 alternating blocks; 95% interval)');
    // Two pairs a side give an interval for each figure.
    const interval = String.raw`[\d.]+× \(95% [^,|]+, 2 pairs\)`;
    expect(md).toMatch(
      new RegExp(String.raw`\| selftest · wasm · fp32 \| ${interval} \| ${interval} \| ${interval} \|`),
    );
  }, 420_000);
});
