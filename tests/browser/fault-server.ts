import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How the server misbehaves for a model's ONNX files (JSON files are served correctly but for `config500`):
 * - `cut`: the connection breaks once, mid-file; later requests are served properly;
 * - `changed`: like `cut`, and the file's bytes (and ETag) differ after the cut;
 * - `stall`: sends the headers and the first bytes, then nothing, ever;
 * - `slow`: sends `cutAt` bytes at once, then trickles the rest (time for a delete to race it);
 * - `truncated`, `wrong-size`, `500`, `html`: broken answers for the ONNX file; `config500` for config.json;
 * - `tampered`: serves another ONNX file than the one its listing (the hub's hashes) describes.
 */
export type Fault =
  | 'none'
  | 'cut'
  | 'changed'
  | 'stall'
  | 'slow'
  | 'truncated'
  | '500'
  | 'config500'
  | 'tampered'
  | 'html'
  | 'wrong-size';

export interface LoggedRequest {
  path: string;
  range: string | null;
}

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1: serves `/<owner>/<name>/resolve/main/<file>` from a
 * model folder on disk, with Range support, and misbehaves on purpose for `faults/<fault>` models.
 * Like the real hub it exposes Content-Range and ETag to pages; with `plain = true` it behaves like a
 * plain static host instead: no Access-Control-Expose-Headers (so a page reads neither ETag nor
 * Content-Range), and 416 for a range past the end.
 */
export class FaultServer {
  readonly requests: LoggedRequest[] = [];
  plain = false;
  #server: Server;
  #cutDone = new Set<string>();
  #stalled = new Set<ServerResponse>();
  url = '';

  constructor(
    private readonly folders: Record<string, string>,
    private readonly cutAt = 40 * 1024 * 1024,
  ) {
    this.#server = createServer((req, res) => this.#handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    this.url = `http://127.0.0.1:${address.port}/`;
    return this.url;
  }

  /** How the store names this host's files: `hub@127.0.0.1:PORT` (never as the hub's). */
  get keyPrefix(): string {
    return `hub@${new URL(this.url).host}`;
  }

  /** The next request for each file is cut (or changed) again. */
  resetCuts(): void {
    this.#cutDone.clear();
  }

  stop(): Promise<void> {
    for (const res of this.#stalled) res.destroy();
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /**
   * The hub's file listing of one folder (`/api/models/<id>/tree/main/<folder>`): size and git blob id for
   * every file, and the SHA-256 of ONNX files as LFS files. A plain static host has no such API.
   * `tampered` models list the real file's hash but serve another file.
   */
  #listing(res: ServerResponse, owner: string, name: string, folder: string) {
    const root = this.folders[`${owner}/${name}`];
    if (this.plain || !root) return void res.writeHead(404).end('not found');
    const fault = owner === 'faults' ? name.replace(/-model(-[\w.-]+)?$/, '') : 'none';
    const entries = readdirSync(join(root, folder), { withFileTypes: true }).map((entry) => {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return { type: 'directory', path };
      const changed = fault === 'changed' && this.#cutDone.has(`/${owner}/${name}/resolve/main/${path}`);
      const bytes = changed ? flipped(readFileSync(join(root, path))) : readFileSync(join(root, path));
      const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      const lfs = /\.onnx(_data)?$/.test(path)
        ? { oid: createHash('sha256').update(bytes).digest('hex'), size: bytes.length }
        : undefined;
      return { type: 'file', path, size: bytes.length, oid: lfs ? 'f'.repeat(40) : oid, lfs };
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(entries));
  }

  #handle(req: IncomingMessage, res: ServerResponse) {
    const range = req.headers.range ?? null;
    const path = decodeURIComponent(req.url ?? '');
    this.requests.push({ path, range });
    // The app is cross-origin isolated (COEP): cross-origin answers need CORS.
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (!this.plain) res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, ETag');
    const tree = /^\/api\/models\/([\w.-]+)\/([\w.-]+)\/tree\/main(?:\/(.+))?$/.exec(path);
    if (tree) return this.#listing(res, tree[1]!, tree[2]!, tree[3] ?? '');
    const match = /^\/([\w.-]+)\/([\w.-]+)\/resolve\/main\/(.+)$/.exec(path);
    const folder = match && this.folders[`${match[1]}/${match[2]}`];
    if (!match || !folder) return void res.writeHead(404).end('no such model');
    // `faults/<fault>-model`, or `faults/<fault>-model-<anything>` for another model with the same fault.
    const fault = (match[1] === 'faults' ? match[2]!.replace(/-model(-[\w.-]+)?$/, '') : 'none') as Fault;
    const file = join(folder, match[3]!);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return void res.writeHead(404).end('no such file');
    }
    const onnx = file.endsWith('.onnx');
    if (onnx && fault === '500') return void res.writeHead(500).end('internal error');
    if (fault === 'config500' && match[3] === 'config.json')
      return void res.writeHead(500).end('internal error');
    if (onnx && fault === 'html') {
      return void res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><p>Sign in to continue</p>');
    }
    const changed = onnx && fault === 'changed' && this.#cutDone.has(path);
    const body = changed || (onnx && fault === 'tampered') ? flipped(readFileSync(file)) : readFileSync(file);
    const etag = `"${size}-${match[3]}${changed ? '-v2' : ''}"`;
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    const asked = range ? /bytes=(\d+)-(\d*)/.exec(range) : null;
    if (asked) {
      // Ranges (the library's size probe `bytes=0-0`, or a resume) are always served correctly.
      const start = Number(asked[1]);
      if (start >= size) return void res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      const end = asked[2] ? Math.min(Number(asked[2]), size - 1) : size - 1;
      res.writeHead(206, {
        'Content-Type': type,
        'Content-Length': end - start + 1,
        'Content-Range': `bytes ${start}-${end}/${size}`,
        ETag: etag,
      });
      return void res.end(body.subarray(start, end + 1));
    }
    const whole = { 'Content-Type': type, 'Content-Length': size, ETag: etag, 'Accept-Ranges': 'bytes' };
    if (onnx && (fault === 'cut' || fault === 'changed') && !this.#cutDone.has(path)) {
      this.#cutDone.add(path);
      res.writeHead(200, whole);
      res.write(body.subarray(0, Math.min(this.cutAt, size - 1)), () => res.destroy());
      return;
    }
    if (onnx && fault === 'stall') {
      this.#stalled.add(res);
      res.writeHead(200, whole);
      return void res.write(body.subarray(0, Math.min(1024, size - 1)));
    }
    if (onnx && fault === 'slow') {
      res.writeHead(200, whole);
      res.write(body.subarray(0, this.cutAt));
      let at = this.cutAt;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(body.subarray(at, at + 256 * 1024));
        at += 256 * 1024;
        if (at < size) return;
        clearInterval(timer);
        res.end();
      }, 100);
      return;
    }
    if (onnx && fault === 'truncated') {
      // No Content-Length (chunked), and the body simply ends early: only the model can tell.
      res.writeHead(200, { 'Content-Type': type, ETag: etag });
      return void res.end(body.subarray(0, Math.floor(size / 2)));
    }
    if (onnx && fault === 'wrong-size') {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': size + 1000, ETag: etag });
      res.write(body, () => res.destroy());
      return;
    }
    res.writeHead(200, whole);
    res.end(body);
  }
}

/** The same file with one weight byte changed past the cut: a new version with the same size. */
function flipped(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = Math.floor(copy.length * 0.75);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
