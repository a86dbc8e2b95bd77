import { describe, expect, it } from 'vitest';
import { generationTiming } from '../../workers/generation-timing';
import { classifyLoadError } from '../../workers/load-errors';
import { ortDefaultThreads, wasmThreadsFor } from '../../workers/threads';
import { hubIdProblem } from '../../src/lib/hub-id';

describe('generationTiming', () => {
  it('measures TTFT from the start and decode speed between first and last token', () => {
    // start 100, tokens at 400, 500, 600, 700 → TTFT 300 ms; 3 intervals in 300 ms → 10 tok/s
    expect(generationTiming(100, [400, 500, 600, 700], 750)).toEqual({
      ttftMs: 300,
      decodeTokensPerSecond: 10,
      totalMs: 650,
    });
  });

  it('has no decode rate with fewer than two tokens', () => {
    expect(generationTiming(0, [50], 60).decodeTokensPerSecond).toBeNull();
    expect(generationTiming(0, [], 60)).toEqual({ ttftMs: 60, decodeTokensPerSecond: null, totalMs: 60 });
  });
});

describe('classifyLoadError', () => {
  it('names missing files, bad JSON, unsupported models and network failures', () => {
    expect(
      classifyLoadError(new Error('Could not locate file: "x/onnx/model_q4.onnx".'), 'x', 'wasm').code,
    ).toBe('not-found');
    expect(
      classifyLoadError(new SyntaxError('Unexpected token < in JSON at position 0'), 'x', 'wasm').code,
    ).toBe('bad-config');
    expect(classifyLoadError(new Error('Unsupported model type: mamba9'), 'x', 'wasm').code).toBe(
      'unsupported-model',
    );
    expect(classifyLoadError(new TypeError('Failed to fetch'), 'x', 'wasm').code).toBe('network');
  });

  it('reports other WebGPU failures as such (so WASM can be offered) and keeps the library text', () => {
    const error = classifyLoadError(new Error('GPUDevice lost: out of memory'), 'x', 'webgpu');
    expect(error.code).toBe('webgpu-failed');
    expect(error.detail).toContain('GPUDevice lost');
    expect(classifyLoadError('weird', 'x', 'wasm')).toMatchObject({ code: 'unknown', detail: 'weird' });
  });
});

describe('threads and hub ids', () => {
  it('uses every core up to 4 for WASM when isolated, one otherwise', () => {
    expect(wasmThreadsFor(true, 2)).toBe(2);
    expect(wasmThreadsFor(true, 16)).toBe(4);
    expect(wasmThreadsFor(false, 8)).toBe(1);
    expect(ortDefaultThreads(true, 2)).toBe(1);
    expect(ortDefaultThreads(true, 8)).toBe(4);
  });

  it('accepts owner/name ids and explains what is wrong with others', () => {
    expect(hubIdProblem('onnx-community/Qwen2.5-0.5B-Instruct')).toBeNull();
    expect(hubIdProblem('')).toMatch(/Enter a model id/);
    expect(hubIdProblem('just-a-name')).toMatch(/owner\/name/);
    expect(hubIdProblem('a/../../etc')).toMatch(/owner\/name/);
    expect(hubIdProblem('has space/x')).toMatch(/owner\/name/);
    expect(hubIdProblem('owner/a--b')).toMatch(/owner\/name/);
  });

  it('refuses ids longer than the hub allows, saying so', () => {
    expect(hubIdProblem(`owner/${'m'.repeat(96)}`)).toBeNull();
    expect(hubIdProblem(`owner/${'m'.repeat(97)}`)).toMatch(/103 characters long.*at most 96/);
    expect(hubIdProblem('x'.repeat(5000))).toMatch(/5,000 characters long/);
  });
});
