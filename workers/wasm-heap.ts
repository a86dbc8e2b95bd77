// ONNX Runtime Web keeps its Emscripten module private: neither `ort.env.wasm` nor the session exposes the
// module's HEAPU8 or Memory. Its threaded builds create that Memory in JavaScript with
// `new WebAssembly.Memory({ initial: 256, maximum: 65536, shared: true })`, so the worker watches for it.

let heap: WebAssembly.Memory | null = null;

/**
 * Remembers the WebAssembly memory ONNX Runtime creates in this worker; call once, before a model loads.
 * NOTE: a Proxy, not a subclass, so `instanceof WebAssembly.Memory` and every static stay as they were.
 * Memories created with `initial: 0` are feature probes (the build checks for shared memory), not heaps.
 */
export function watchWasmHeap(): void {
  const original = WebAssembly.Memory;
  WebAssembly.Memory = new Proxy(original, {
    construct(target, args: [WebAssembly.MemoryDescriptor], newTarget) {
      const memory = Reflect.construct(target, args, newTarget) as WebAssembly.Memory;
      if ((args[0]?.initial ?? 0) > 0) heap = memory;
      return memory;
    },
  });
}

/** The size of ONNX Runtime's WebAssembly memory now (it only grows), or undefined before it exists. */
export function wasmHeapBytes(): number | undefined {
  return heap?.buffer.byteLength;
}
