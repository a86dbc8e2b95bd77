// Imported and saved results are recomputed from their runs, never trusted (issue 10).
import { describe, expect, it } from 'vitest';
import { parseResultFile } from '../../src/lib/bench/import-result';
import { toJson } from '../../workers/bench/result-export';
import { validateResult } from '../../workers/bench/result-validate';
import { assembleResult, recomputeResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

const honest = assembleResult({
  createdAt: '2025-01-02T03:04:05.000Z',
  plan: plan(),
  environment,
  configurations: [
    configuration('webgpu', 'q4', [run({ ttftMs: 100 }), run({ repetition: 2, ttftMs: 90 })]),
    configuration('wasm', 'q4', [run({ ttftMs: 300 }), run({ repetition: 2, ttftMs: 270 })]),
  ],
});

/** The honest result as parsed JSON (untyped, as a file is), to tamper with. */
const file = () => JSON.parse(toJson(honest));

describe('importing a result file', () => {
  it('replaces made-up summaries, ratios and token agreement with figures from the runs', () => {
    const forged = file();
    forged.summaries[0].ttftMs.median = 1;
    forged.summaries[0].ttftMs.ci95 = { low: -1215, high: 5553 };
    forged.comparisons[0].ttftSpeedRatio.ratio = 100;
    forged.comparisons[0].prompts[0].divergence.identical = false;
    const parsed = parseResultFile(JSON.stringify(forged));
    expect(parsed).toEqual({ ok: true, value: honest });
    // WASM TTFT over WebGPU TTFT: 300 / 100 and 270 / 90, both 3.
    expect(parsed.ok && parsed.value.comparisons[0]?.ttftSpeedRatio?.ratio).toBeCloseTo(3, 12);
  });

  it('reads a version 1 file (old interval fields) and shows it with today’s statistics', () => {
    const v1 = file();
    v1.schemaVersion = 1;
    v1.summaries = [{ configKey: 'x', ttftMs: { ci95: { low: -5, high: 5 } } }];
    v1.comparisons = [{ decodeSpeedRatio: { ratio: 9, low: 1, high: 2 } }];
    expect(validateResult(v1)).toEqual({ ok: true, value: honest });
  });

  it('refuses a time or rate that is zero, negative or not finite, naming the field', () => {
    const bad = file();
    Object.assign(bad.configurations[0].runs[0], { ttftMs: -1000, decodeTokensPerSecond: 0 });
    Object.assign(bad.configurations[1].runs[1], { prefillTokensPerSecond: -1000, endToEndMs: Infinity });
    // (A file's 1e999 parses to Infinity.)
    const checked = validateResult(bad);
    expect(checked.ok ? [] : checked.errors).toEqual([
      'configurations[0].runs[0].ttftMs: expected a positive number, got -1000',
      'configurations[0].runs[0].decodeTokensPerSecond: expected a positive number, got 0',
      'configurations[1].runs[1].prefillTokensPerSecond: expected a positive number, got -1000',
      'configurations[1].runs[1].endToEndMs: expected a positive number, got Infinity',
    ]);
  });

  it('says when a file comes from a newer version of the app', () => {
    const newer = file();
    newer.schemaVersion = 3;
    const checked = validateResult(newer);
    expect(checked.ok ? [] : checked.errors).toEqual([
      'schemaVersion: this file was written by a newer version of this app (result schema v3); this one ' +
        'reads v1 to v2. Open it in an up-to-date copy of the app.',
    ]);
  });
});

describe('recomputeResult', () => {
  it('derives a stored result’s figures again, keeping what was planned and what ran', () => {
    const stale = { ...honest, summaries: [], comparisons: [], promptSuiteVersion: 0 };
    const again = recomputeResult(stale);
    expect(again.summaries).toEqual(honest.summaries);
    expect(again.comparisons).toEqual(honest.comparisons);
    expect(again.promptSuiteVersion).toBe(0);
  });
});
