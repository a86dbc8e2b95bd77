import type { Plugin } from 'vite';

/**
 * Hosts that serve hub models: `huggingface.co` answers `resolve/` URLs with redirects to its CDNs
 * (`cdn-lfs*.hf.co`, `cas-bridge.xethub.hf.co` for Xet storage, older `cdn-lfs*.huggingface.co`).
 */
export const HUB_HOSTS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co'];

/** Mirrors on this machine (`?hub=http://127.0.0.1:PORT/`): the tests' hub stand-in and local mirrors. */
export const LOOPBACK = ['http://127.0.0.1:*', 'http://localhost:*'];

/**
 * The app's Content-Security-Policy. `extraConnect` adds hub mirrors (`HUB_MIRRORS` at build time);
 * any other `?hub=` mirror is refused by the browser.
 */
export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // ONNX Runtime compiles WebAssembly; transformers.js imports ORT's glue from a blob: URL.
    'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:'],
    // ORT's WASM threads are workers started from its glue, which may be a blob: URL.
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", 'blob:', 'data:', ...HUB_HOSTS, ...LOOPBACK, ...extraConnect],
    // NOTE: no inline styles: Svelte and uPlot set styles through the CSSOM, which the policy allows;
    // a `style="…"` attribute written in a component's markup would be refused.
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Puts the policy in the built `index.html` as a meta tag right after `<meta charset>`, before anything it
 * governs. Build only: Vite's dev server injects inline scripts (its client, HMR) that it would block.
 */
export function cspMeta(policy: string): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      if (!charset.test(html)) throw new Error('index.html needs <meta charset> for the CSP to follow');
      const content = policy.replaceAll('"', '&quot;');
      return html.replace(
        charset,
        (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${content}" />`,
      );
    },
  };
}
