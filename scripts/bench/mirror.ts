// A stand-in for the Hugging Face hub on 127.0.0.1: serves `/<repo>/resolve/main/<file>` from a folder
// on disk, streamed, with the Range support and CORS headers the app's downloads need (the app is
// cross-origin isolated). No listing API: like a plain static mirror, so the app checks what it can.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, normalize } from 'node:path';

/** Starts the mirror; resolves with its URL (with the trailing slash `?hub=` wants) and a stop function. */
export async function serveMirror(repo: string, folder: string) {
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, ETag');
    const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
    const prefix = `/${repo}/resolve/main/`;
    const rel = path.startsWith(prefix) ? normalize(path.slice(prefix.length)) : null;
    if (!rel || rel.startsWith('..')) return void res.writeHead(404).end('not found');
    const file = join(folder, rel);
    let size: number;
    let mtime: number;
    try {
      ({ size, mtimeMs: mtime } = statSync(file));
    } catch {
      return void res.writeHead(404).end('not found');
    }
    const headers = {
      'Content-Type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      ETag: `"${size}-${Math.round(mtime)}"`,
      'Accept-Ranges': 'bytes',
    };
    const asked = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    if (!asked) {
      res.writeHead(200, { ...headers, 'Content-Length': size });
      return void createReadStream(file).pipe(res);
    }
    const start = Number(asked[1]);
    if (start >= size) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
    const end = asked[2] ? Math.min(Number(asked[2]), size - 1) : size - 1;
    res.writeHead(206, {
      ...headers,
      'Content-Length': end - start + 1,
      'Content-Range': `bytes ${start}-${end}/${size}`,
    });
    createReadStream(file, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the mirror did not get a port');
  const stop = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${address.port}/`, stop };
}
