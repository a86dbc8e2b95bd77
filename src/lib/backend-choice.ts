import type { Backend, BackendChoice, Capabilities, Dtype } from '../../workers/protocol';

export interface BackendPlan {
  backend: Backend;
  dtype: Dtype;
  /** Why this plan differs from what was asked, if it does. */
  note?: string;
}

/** Precisions that need WebGPU's `shader-f16` feature. */
const needsF16 = (dtype: Dtype) => dtype === 'q4f16' || dtype === 'fp16';

/**
 * Resolves Auto to a backend (WebGPU when an adapter exists, else WASM) and checks the precision fits:
 * f16 weights need `shader-f16` on WebGPU; on WASM they run but slowly, so Auto avoids them there.
 */
export function chooseBackend(
  choice: BackendChoice,
  dtype: Dtype,
  offered: readonly Dtype[],
  caps: Pick<Capabilities, 'webgpu'>,
): BackendPlan | { error: string } {
  const gpu = caps.webgpu;
  if (choice === 'webgpu' && !gpu.available) {
    // NOTE: reasons are sentences with their own full stop; one full stop between them, not two.
    const reason = (gpu.reason ?? 'no adapter').replace(/\.+$/, '');
    return { error: `WebGPU is not available here: ${reason}. Pick WASM or Auto.` };
  }
  if (choice === 'webgpu' && needsF16(dtype) && !gpu.shaderF16) {
    return { error: `${dtype} needs the WebGPU feature shader-f16, which this GPU lacks. Pick q4 or q8.` };
  }
  if (choice !== 'auto') return { backend: choice, dtype };

  if (gpu.available && (!needsF16(dtype) || gpu.shaderF16)) return { backend: 'webgpu', dtype };
  const backend: Backend = gpu.available ? 'webgpu' : 'wasm';
  // NOTE: on WASM, 8-bit weights decode ~10x faster than 4-bit (NOTES.md), so Auto prefers q8 there.
  const fallback = (['q8', 'q4', 'fp32'] as const).find((d) => offered.includes(d) && d !== dtype);
  if (!needsF16(dtype) || !fallback) return { backend, dtype };
  return {
    backend,
    dtype: fallback,
    note: gpu.available
      ? `This GPU lacks shader-f16, so ${fallback} is used instead of ${dtype}.`
      : `No WebGPU here, so WASM runs ${fallback} instead of ${dtype}.`,
  };
}
