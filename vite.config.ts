import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };
import { contentSecurityPolicy, cspMeta } from './scripts/vite-csp.ts';
import { ICON_SIZES } from './scripts/app-icon.ts';
import { dropBundledOrtWasm, ortFiles } from './scripts/vite-ort-files.ts';

// NOTE: cross-origin isolation (COOP + COEP) is what lets ONNX Runtime use WASM threads. On hosts that
// cannot set headers, the service worker (src/sw.ts) adds them.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
/**
 * `HUB_MIRRORS="https://mirror.example"` at build time lets `?hub=` offer that mirror: the CSP allows it,
 * and the engine worker's own check (workers/sources.ts) accepts it.
 */
const mirrors = process.env.HUB_MIRRORS?.split(/[\s,]+/).filter(Boolean) ?? [];
const csp = contentSecurityPolicy(mirrors);

export default defineConfig({
  // Relative base: the build works from any sub-path of a static host.
  base: './',
  // A missing file must be a 404, not index.html: transformers.js treats only 404 as "missing".
  appType: 'mpa',
  define: {
    __APP_VERSION__: JSON.stringify(process.env.APP_VERSION ?? pkg.version),
    __APP_CSP__: JSON.stringify(csp),
    __HUB_MIRRORS__: JSON.stringify(mirrors),
  },
  plugins: [
    svelte(),
    ortFiles(),
    cspMeta(csp),
    VitePWA({
      // Our own worker: it serves the precache and adds the isolation headers to the same responses.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false, // src/lib/app-update.svelte.ts registers it
      injectManifest: {
        // The app shell and ONNX Runtime; never models (they live in the model store, workers/store/).
        // (The plugin adds manifest.webmanifest itself.)
        globPatterns: ['**/*.{html,js,mjs,css,wasm,png,svg,ico}'],
        globIgnores: ['models/**'],
        // ORT's asyncify .wasm is ~27 MB.
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
      },
      manifest: {
        name: 'Browser LLM Bench',
        short_name: 'LLM Bench',
        description: 'Run small language models in your browser on WebGPU or WebAssembly.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#2457c5',
        icons: [
          ...ICON_SIZES.map((size) => ({
            src: `icons/icon-${size}.png`,
            sizes: `${size}x${size}`,
            type: 'image/png',
          })),
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [dropBundledOrtWasm()] },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
});
