import { describe, expect, it } from 'vitest';
import type { WebGpuInfo } from '../../workers/protocol';
import { chooseBackend } from '../../src/lib/backend-choice';

const gpu = (over: Partial<WebGpuInfo> = {}): { webgpu: WebGpuInfo } => ({
  webgpu: {
    available: true,
    features: [],
    limits: { maxBufferSize: 256 << 20, maxStorageBufferBindingSize: 128 << 20 },
    shaderF16: false,
    ...over,
  },
});
const noGpu = gpu({ available: false, reason: 'no adapter' });
const all = ['q4f16', 'q4', 'q8', 'fp16'] as const;

describe('chooseBackend', () => {
  it('Auto picks WebGPU when an adapter exists and WASM when none does', () => {
    expect(chooseBackend('auto', 'q4', all, gpu())).toEqual({ backend: 'webgpu', dtype: 'q4' });
    expect(chooseBackend('auto', 'q8', all, noGpu)).toEqual({ backend: 'wasm', dtype: 'q8' });
  });

  it('Auto uses q4f16 on WebGPU only with shader-f16, and falls back to q8 otherwise', () => {
    expect(chooseBackend('auto', 'q4f16', all, gpu({ shaderF16: true }))).toEqual({
      backend: 'webgpu',
      dtype: 'q4f16',
    });
    const noF16 = chooseBackend('auto', 'q4f16', all, gpu());
    expect(noF16).toMatchObject({ backend: 'webgpu', dtype: 'q8' });
    expect('note' in noF16 && noF16.note).toMatch(/shader-f16/);
    expect(chooseBackend('auto', 'q4f16', all, noGpu)).toMatchObject({ backend: 'wasm', dtype: 'q8' });
  });

  it('refuses WebGPU when there is no adapter, and f16 weights without shader-f16', () => {
    expect(chooseBackend('webgpu', 'q4', all, noGpu)).toEqual({
      error: expect.stringMatching(/not available/),
    });
    expect(chooseBackend('webgpu', 'q4f16', all, gpu())).toEqual({
      error: expect.stringMatching(/shader-f16/),
    });
  });

  it('ends the reason with one full stop, not two', () => {
    const reason = 'WebGPU exists but offered no adapter (blocked, or no supported GPU).';
    expect(chooseBackend('webgpu', 'q4', all, gpu({ available: false, reason }))).toEqual({
      error:
        'WebGPU is not available here: WebGPU exists but offered no adapter (blocked, or no supported GPU). ' +
        'Pick WASM or Auto.',
    });
  });

  it('honours an explicit WASM choice as asked', () => {
    expect(chooseBackend('wasm', 'q4', all, gpu({ shaderF16: true }))).toEqual({
      backend: 'wasm',
      dtype: 'q4',
    });
  });

  it('keeps the asked precision when the model offers nothing better', () => {
    expect(chooseBackend('auto', 'q4f16', ['q4f16'], noGpu)).toEqual({ backend: 'wasm', dtype: 'q4f16' });
  });
});
