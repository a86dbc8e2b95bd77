import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** How the server misbehaves for a model's ONNX files; JSON files are always served correctly. */
export type Fault = 'none' | 'cut' | 'truncated' | '500' | 'html' | 'wrong-size';

export interface LoggedRequest {
  path: string;
  range: string | null;
}

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1: serves `/<owner>/<name>/resolve/main/<file>` from a
 * model folder on disk, with Range support, and misbehaves on purpose for `faults/<fault>` models.
 * `cut` breaks the connection once, mid-file; later requests (the resume) are served properly.
 */
export class FaultServer {
  readonly requests: LoggedRequest[] = [];
  #server: Server;
  #cutDone = new Set<string>();
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

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: IncomingMessage, res: ServerResponse) {
    const range = req.headers.range ?? null;
    const path = decodeURIComponent(req.url ?? '');
    this.requests.push({ path, range });
    // The app is cross-origin isolated (COEP): cross-origin answers need CORS.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, ETag');
    const match = /^\/([\w.-]+)\/([\w.-]+)\/resolve\/main\/(.+)$/.exec(path);
    const folder = match && this.folders[`${match[1]}/${match[2]}`];
    if (!match || !folder) return void res.writeHead(404).end('no such model');
    const fault = (match[1] === 'faults' ? match[2]!.replace(/-model$/, '') : 'none') as Fault | string;
    const file = join(folder, match[3]!);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return void res.writeHead(404).end('no such file');
    }
    const onnx = file.endsWith('.onnx');
    if (onnx && fault === '500') return void res.writeHead(500).end('internal error');
    if (onnx && fault === 'html') {
      return void res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end('<!doctype html><p>Sign in to continue</p>');
    }
    const body = readFileSync(file);
    const etag = `"${size}-${match[3]}"`;
    const type = file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    const asked = range ? /bytes=(\d+)-(\d*)/.exec(range) : null;
    if (asked) {
      // Ranges (the library's size probe `bytes=0-0`, or a resume) are always served correctly.
      const start = Number(asked[1]);
      const end = asked[2] ? Math.min(Number(asked[2]), size - 1) : size - 1;
      res.writeHead(206, {
        'Content-Type': type,
        'Content-Length': end - start + 1,
        'Content-Range': `bytes ${start}-${end}/${size}`,
        ETag: etag,
      });
      return void res.end(body.subarray(start, end + 1));
    }
    if (onnx && fault === 'cut' && !this.#cutDone.has(file)) {
      this.#cutDone.add(file);
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': size,
        ETag: etag,
        'Accept-Ranges': 'bytes',
      });
      res.write(body.subarray(0, Math.min(this.cutAt, size - 1)), () => res.destroy());
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
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      ETag: etag,
      'Accept-Ranges': 'bytes',
    });
    res.end(body);
  }
}
