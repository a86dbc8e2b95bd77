import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The ONNX Runtime builds the engine may load: asyncify (WebGPU + WASM) and plain (faster WASM). */
export const ORT_FILES = [
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
];

const require = createRequire(import.meta.url);
// NOTE: onnxruntime-web's exports hide package.json; its main entry sits in dist/ beside the .wasm files.
const ortDist = () => dirname(require.resolve('onnxruntime-web'));

/**
 * Serves the ONNX Runtime `.wasm/.mjs` files under `ort/` in dev and emits them into the build, so the
 * app never loads them from a CDN and they always match the installed onnxruntime-web.
 */
export function ortFiles(): Plugin {
  return {
    name: 'ort-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0]?.match(/\/ort\/([\w.-]+)$/)?.[1];
        if (!name || !ORT_FILES.includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        createReadStream(join(ortDist(), name)).pipe(res);
      });
    },
    generateBundle() {
      for (const name of ORT_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `ort/${name}`,
          source: readFileSync(join(ortDist(), name)),
        });
      }
    },
  };
}

/**
 * Drops the copy of ONNX Runtime's `.wasm` that Vite emits for the worker on its own (from a
 * `new URL(..., import.meta.url)` inside onnxruntime-web): the engine always sets `wasmPaths` to the files
 * above, so that copy would be 27 MB never fetched.
 */
export function dropBundledOrtWasm(): Plugin {
  return {
    name: 'drop-bundled-ort-wasm',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (/^assets\/ort-wasm-simd-threaded[\w.-]*\.wasm$/.test(name)) delete bundle[name];
      }
    },
  };
}
