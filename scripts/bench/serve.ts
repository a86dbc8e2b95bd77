// Serves the built app with `vite preview` (the same headers as production: cross-origin isolation).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preview, type Plugin, type PreviewServer } from 'vite';

/** The bare page's files under /bare/: its own two, and transformers.js's self-contained browser bundle. */
const BARE: Record<string, [string, string]> = {
  '/bare/index.html': ['scripts/bench/bare/index.html', 'text/html'],
  '/bare/bare.js': ['scripts/bench/bare/bare.js', 'text/javascript'],
  '/bare/transformers.js': [
    'node_modules/@huggingface/transformers/dist/transformers.min.js',
    'text/javascript',
  ],
};

/** Serves the bare page beside the app, on the same origin and with the same isolation headers. */
const barePage: Plugin = {
  name: 'bench-bare-page',
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => {
      const file = BARE[(req.url ?? '').split('?')[0]!];
      if (!file) return next();
      res.setHeader('Content-Type', file[1]);
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      res.end(readFileSync(file[0]));
    });
  },
};

/** The newest modification time under `dir`, in ms (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Why dist/ cannot be benchmarked as it is (missing, or older than the sources), or null. */
export function distProblem(): string | null {
  if (!existsSync('dist/index.html') || !existsSync('dist/models/selftest/config.json'))
    return 'dist/ is missing or has no self-test model: run `npm run build` first';
  const built = statSync('dist/index.html').mtimeMs;
  const changed = ['src', 'workers', 'public', 'index.html'].find((p) =>
    statSync(p).isDirectory() ? newest(p) > built : statSync(p).mtimeMs > built,
  );
  return changed ? `dist/ is older than ${changed}/: run \`npm run build\` first` : null;
}

/** Starts `vite preview` of dist/ on 127.0.0.1 and returns its URL and a stop function. */
export async function serveDist(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
    plugins: [barePage],
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const stop = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  return { url, stop };
}
