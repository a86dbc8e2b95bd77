import { existsSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Serves the built app (`npm run build` first) the way `vite preview` does, headers included. */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html') || !existsSync('dist/models/selftest/config.json')) {
    throw new Error(
      'dist/ is missing or has no self-test model: run `npm run build` before the browser tests.',
    );
  }
  const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('appUrl', url);
  return async () => {
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  };
}
