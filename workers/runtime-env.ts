import { env } from '@huggingface/transformers';
import type { LoadRequest } from './protocol';
import type { ModelStore } from './store/model-store';
import { trustedUrl } from './store/model-store';
import { ortDefaultThreads, wasmThreadsFor } from './threads';

/** Plain fetch for the Cache API comparison, with the same refusal of hosts models may not come from. */
const checkedFetch = async (input: string | URL | Request, init?: RequestInit) => {
  trustedUrl(input);
  return fetch(input, init);
};

/** The ONNX Runtime build and thread count chosen for one load. */
export interface RuntimeChoice {
  ortBuild: 'asyncify' | 'plain';
  wasmThreads: number;
}

/**
 * Points transformers.js at the right files for this load: the app's own folder for bundled and imported
 * models, the hub otherwise, the model store as its cache, and self-hosted ONNX Runtime files (never a CDN). Each load runs in a fresh worker, so
 * this is set once, before the first session is created.
 */
export function configureRuntime(request: LoadRequest, store: ModelStore): RuntimeChoice {
  const hub = request.source === 'hub';
  env.allowLocalModels = !hub;
  env.allowRemoteModels = hub;
  env.remoteHost = request.hubUrl ?? 'https://huggingface.co/';
  env.localModelPath = new URL('models/', request.appUrl).pathname;
  // Every model file goes through the model store (IndexedDB), never the Cache API.
  const viaStore = request.cache !== 'browser-cache';
  env.useBrowserCache = !viaStore;
  env.useCustomCache = viaStore;
  env.customCache = viaStore ? store : null;
  env.fetch = viaStore ? store.fetch : checkedFetch;

  // NOTE: the plain build was the fastest on WASM here, but WebGPU needs the asyncify build.
  const ortBuild = request.backend === 'webgpu' ? 'asyncify' : 'plain';
  const stem = ortBuild === 'asyncify' ? 'ort-wasm-simd-threaded.asyncify' : 'ort-wasm-simd-threaded';
  const onnx = env.backends.onnx;
  if (!onnx.wasm) throw new Error('ONNX Runtime WASM backend is missing');
  onnx.wasm.wasmPaths = {
    mjs: new URL(`ort/${stem}.mjs`, request.appUrl).href,
    wasm: new URL(`ort/${stem}.wasm`, request.appUrl).href,
  };
  const wasmThreads =
    ortBuild === 'plain'
      ? wasmThreadsFor(self.crossOriginIsolated, navigator.hardwareConcurrency)
      : ortDefaultThreads(self.crossOriginIsolated, navigator.hardwareConcurrency);
  onnx.wasm.numThreads = wasmThreads;
  return { ortBuild, wasmThreads };
}
