/**
 * Threads for the WASM backend. Threads need cross-origin isolation; without it ORT runs on one.
 * NOTE: measured here (NOTES.md, q8 0.5B on 2 cores): the plain build decodes faster on 2 threads than
 * on ORT's own default of ceil(cores / 2), so WASM loads use every core, up to 4.
 */
export function wasmThreadsFor(isolated: boolean, cores: number): number {
  return isolated ? Math.max(1, Math.min(4, cores)) : 1;
}

/** ONNX Runtime Web's own default: min(4, ceil(cores / 2)) when isolated, else 1. */
export function ortDefaultThreads(isolated: boolean, cores: number): number {
  return isolated ? Math.min(4, Math.ceil(cores / 2)) : 1;
}
