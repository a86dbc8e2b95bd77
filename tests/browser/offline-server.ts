import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** A plain static host, as GitHub Pages is: files only, no COOP/COEP unless `headers` says so. */
export interface StaticSite {
  /** The app's URL: `http://127.0.0.1:PORT/some-repo/`. */
  url: string;
  origin: string;
  /** The folder served; swap it to "deploy" another build. */
  root: string;
  /** Extra headers on every response. */
  headers: Record<string, string>;
  /** Every path asked for, in order. */
  requests: string[];
  /** While true, connections are dropped: the host is gone. */
  down: boolean;
  /** Holds requests for paths ending so until `release()`: a download that takes its time. */
  stall(suffix: string): { arrived: () => boolean; release: () => void };
  close(): Promise<void>;
}

/** Serves `root` under `base` on 127.0.0.1; anything outside `base` is a 404. */
export async function serveStatic(root: string, base = '/some-repo/'): Promise<StaticSite> {
  const stalls: { suffix: string; waiting: (() => void)[]; released: boolean }[] = [];
  const server = createServer((req, res) => {
    if (site.down) return void req.socket.destroy();
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    site.requests.push(path);
    const send = () => {
      const file = fileFor(site.root, base, path);
      if (!file) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      res.writeHead(200, {
        ...site.headers,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': String(statSync(file).size),
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file).pipe(res);
    };
    const stall = stalls.find((s) => !s.released && path.endsWith(s.suffix));
    if (stall) stall.waiting.push(send);
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const site: StaticSite = {
    url: origin + base,
    origin,
    root,
    headers: {},
    requests: [],
    down: false,
    stall(suffix) {
      const entry = { suffix, waiting: [] as (() => void)[], released: false };
      stalls.push(entry);
      return {
        arrived: () => entry.waiting.length > 0,
        release: () => {
          entry.released = true;
          entry.waiting.splice(0).forEach((send) => send());
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return site;
}

function fileFor(root: string, base: string, path: string): string | null {
  if (!path.startsWith(base)) return null;
  const relative = normalize(path.slice(base.length) || 'index.html');
  if (relative.startsWith('..')) return null;
  const file = join(root, relative.endsWith('/') ? join(relative, 'index.html') : relative);
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
