import { describe, expect, it } from 'vitest';
import { answerSentence, answerSentences } from '../../workers/bench/answer';
import type { RatioEstimate } from '../../workers/bench/ratio';
import type { Comparison } from '../../workers/bench/result-schema';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan } from './bench-fixtures';

const result = assembleResult({
  createdAt: '2025-01-02T03:04:05.000Z',
  plan: plan(),
  environment,
  configurations: [configuration('webgpu', 'q4', []), configuration('wasm', 'q4', [])],
});

const paired = (ratio: number, low: number, high: number, n = 10): RatioEstimate => ({
  ratio,
  ci95: { low, high },
  method: 'paired-geometric-mean',
  counts: [n, n],
});

const comparison = (over: Partial<Comparison>): Comparison => ({
  modelId: 'org/m',
  webgpuKey: 'org/m|webgpu|q4',
  wasmKey: 'org/m|wasm|q4',
  decodeSpeedRatio: null,
  ttftSpeedRatio: null,
  prompts: [],
  ...over,
});

describe('answerSentence', () => {
  it('names the faster backend, inverting WebGPU ÷ WASM when WASM wins', () => {
    // WebGPU ÷ WASM decode 1/1.8, interval 1/2.0–1/1.6; first token 1/3.1 (WASM sooner).
    const c = comparison({
      decodeSpeedRatio: paired(1 / 1.8, 1 / 2.0, 1 / 1.6),
      ttftSpeedRatio: paired(1 / 3.1, 1 / 3.4, 1 / 2.8),
    });
    expect(answerSentence(result, c)).toBe(
      'On this device WASM decodes 1.8× faster than WebGPU (95% 1.6–2.0, 10 pairs) for org/m in q4; ' +
        'first token 3.1× sooner on WASM (95% 2.8–3.4, 10 pairs).',
    );
  });

  it('says WebGPU wins when it does, and names both precisions when they differ', () => {
    const mixed = assembleResult({
      ...result,
      configurations: [configuration('webgpu', 'q4f16', []), configuration('wasm', 'q8', [])],
    });
    const c = comparison({
      webgpuKey: 'org/m|webgpu|q4f16',
      wasmKey: 'org/m|wasm|q8',
      decodeSpeedRatio: paired(12.34, 11.2, 13.9, 4),
      ttftSpeedRatio: paired(2.5, 2.1, 2.9, 4),
    });
    expect(answerSentence(mixed, c, 'On that device')).toBe(
      'On that device WebGPU decodes 12× faster than WASM (95% 11–14, 4 pairs) for org/m ' +
        '(WebGPU in q4f16, WASM in q8); first token 2.5× sooner on WebGPU (95% 2.1–2.9, 4 pairs).',
    );
  });

  it('claims no winner when the interval holds 1×, and admits a missing interval or comparison', () => {
    const c = comparison({
      decodeSpeedRatio: paired(1.04, 0.95, 1.14),
      ttftSpeedRatio: { ratio: 0.5, ci95: null, method: 'bootstrap-median-ratio', counts: [1, 1] },
    });
    expect(answerSentence(result, c)).toBe(
      'On this device no clear difference in decode speed (WebGPU ÷ WASM 1.0×, 95% 0.95–1.1, 10 pairs) ' +
        'for org/m in q4; first token 2.0× sooner on WASM (no interval: 1 and 1 run).',
    );
    expect(answerSentence(result, comparison({}))).toBe(
      'On this device decode speed could not be compared (no runs on one side) for org/m in q4; ' +
        'first token could not be compared.',
    );
  });

  it('never rounds a small ratio or interval end to zero', () => {
    // Two pairs of a real self-test run: WebGPU ÷ WASM 0.031, interval 0.0014–5.17 (t with 1 df).
    const c = comparison({ decodeSpeedRatio: paired(0.0312, 0.00137, 5.17, 2) });
    expect(answerSentence(result, c)).toMatch(
      /^On this device no clear difference in decode speed \(WebGPU ÷ WASM 0\.031×, 95% 0\.0014–5\.2, 2 pairs\)/,
    );
  });

  it('gives one sentence per comparison', () => {
    expect(answerSentences({ ...result, comparisons: [comparison({}), comparison({})] })).toHaveLength(2);
    expect(answerSentences({ ...result, comparisons: [] })).toEqual([]);
  });
});
