import type { Backend, EngineError } from './protocol';

const rules: {
  code: EngineError['code'];
  test: RegExp;
  message: (id: string, backend: Backend) => string;
}[] = [
  {
    code: 'unsupported-model',
    test: /Unsupported model type|Unknown model class|not supported for task|Unknown typedArray|Unsupported/i,
    message: (id) => `"${id}" is a kind of model this app's library (transformers.js) cannot run.`,
  },
  {
    code: 'not-found',
    test: /Could not locate file|404|401|403|not found/i,
    message: (id) =>
      `A file of "${id}" is missing. Check the model id, or pick a precision the model offers (its onnx/ folder).`,
  },
  {
    code: 'bad-config',
    // NOTE: not /JSON/ alone: that matches the file name in "… 500 …: config.json".
    test: /not valid JSON|JSON\.parse|Unexpected token|Unexpected end|is not valid|SyntaxError/i,
    message: (id) => `A configuration file of "${id}" is not valid JSON, so the model cannot be set up.`,
  },
  {
    code: 'network',
    test: /Failed to fetch|NetworkError|network|ERR_|fetch failed|Load failed/i,
    message: (id) => `"${id}" could not be downloaded: the network or the model host is not reachable.`,
  },
];

/**
 * Turns what transformers.js or ONNX Runtime threw while loading into a sentence for people. A failure on
 * WebGPU that is not about the model's files is reported as a WebGPU failure, so the UI can offer WASM.
 */
export function classifyLoadError(error: unknown, modelId: string, backend: Backend): EngineError {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // The model store's own errors (a refused host, a stalled download) are already written for people.
  const own = (error as { userFacing?: EngineError['code'] } | null)?.userFacing;
  if (error instanceof Error && own) return { code: own, message: error.message };
  if (backend === 'webgpu' && /webgpu|no available backend|GPU/i.test(detail)) return webGpuFailed(detail);
  for (const rule of rules) {
    if (rule.test.test(detail)) return { code: rule.code, message: rule.message(modelId, backend), detail };
  }
  if (backend === 'webgpu') return webGpuFailed(detail);
  return { code: 'unknown', message: `Loading "${modelId}" failed.`, detail };
}

const webGpuFailed = (detail: string): EngineError => ({
  code: 'webgpu-failed',
  message: 'The model did not start on WebGPU on this device. WASM (slower, but runs everywhere) may work.',
  detail,
});

/** The GPU device was lost: the cause in the browser's words, and not a verdict on WebGPU here. */
export const deviceLost = (reason: string, detail?: string): EngineError => ({
  code: 'device-lost',
  message: `The GPU device was lost: ${reason.replace(/\.+$/, '')}. The model had to be unloaded: continue on WASM, or try WebGPU again.`,
  detail,
});
