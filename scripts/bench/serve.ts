// Serves the built app with `vite preview` (the same headers as production: cross-origin isolation).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { preview, type PreviewServer } from 'vite';

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
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  const stop = () => new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  return { url, stop };
}
