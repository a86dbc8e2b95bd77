import { env } from '@huggingface/transformers';
import type { Capabilities, WebGpuInfo } from './protocol';
import { wasmThreadsFor } from './threads';

/** Probes WebGPU inside the worker, where models run: an adapter in the page does not promise one here. */
export async function probeWebGpu(): Promise<WebGpuInfo> {
  const none = (reason: string): WebGpuInfo => ({
    available: false,
    reason,
    features: [],
    limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 },
    shaderF16: false,
  });
  if (!('gpu' in navigator) || !navigator.gpu)
    return none('This browser has no WebGPU (navigator.gpu is missing).');
  let adapter: GPUAdapter | null;
  try {
    adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return none(`Requesting a WebGPU adapter failed: ${String(error)}`);
  }
  if (!adapter) return none('WebGPU exists but offered no adapter (blocked, or no supported GPU).');
  const { vendor, architecture, device, description } = adapter.info;
  const features = [...adapter.features].map(String).sort();
  return {
    available: true,
    adapter: { vendor, architecture, device, description },
    features,
    limits: {
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    },
    shaderF16: features.includes('shader-f16'),
  };
}

/** Everything the UI shows about the device, and what each benchmark result will carry. */
export async function probeCapabilities(): Promise<Capabilities> {
  return {
    webgpu: await probeWebGpu(),
    crossOriginIsolated: self.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    wasmThreads: wasmThreadsFor(self.crossOriginIsolated, navigator.hardwareConcurrency),
    userAgent: navigator.userAgent,
    versions: { transformers: env.version, onnxruntime: env.backends.onnx.versions?.web ?? 'unknown' },
  };
}
