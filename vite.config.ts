import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { dropBundledOrtWasm, ortFiles } from './scripts/vite-ort-files.ts';

// NOTE: cross-origin isolation (COOP + COEP) is what lets ONNX Runtime use WASM threads.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative base: the build works from any sub-path of a static host.
  base: './',
  // A missing file must be a 404, not index.html: transformers.js treats only 404 as "missing".
  appType: 'mpa',
  plugins: [svelte(), ortFiles()],
  worker: { format: 'es', plugins: () => [dropBundledOrtWasm()] },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
});
