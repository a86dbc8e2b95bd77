import { db } from './db';
import type { StoreEvent } from './events';
import { fileRef, type FileRef } from './keys';
import { looksLikeHtml, type Partial } from './manifest';
import { chunkStream, chunksIntact } from './reader';
import { ChunkWriter, StoreFullError } from './writer';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The model store: every model file transformers.js reads goes through here. It is the library's custom
 * cache (`match`/`put`) and its `fetch`, so downloads stream into IndexedDB while the model loads, a
 * cut-off download resumes with HTTP Range, and the next visit reads from the store.
 */
export class ModelStore {
  onEvent: (event: StoreEvent) => void = () => {};
  /** Files whose write is under way, so `put` does not store them twice. */
  #writing = new Map<string, Promise<void>>();
  /** Files that could not be stored in this session (full disk): not retried by `put`. */
  #refused = new Set<string>();

  constructor(private readonly network: Fetch = (input, init) => fetch(input, init)) {}

  /** Cache lookup: a Response streaming the stored chunks, or undefined when the file is not (wholly) here. */
  async match(request: string): Promise<Response | undefined> {
    const ref = fileRef(request);
    // NOTE: a file still being written is a miss. Waiting here would deadlock: transformers.js may ask
    // for a file's size (through match) while it is still reading that file's download.
    if (!ref || this.#writing.has(ref.key)) return undefined;
    const manifest = await db.manifest(ref.key);
    if (!manifest) return undefined;
    const blobs = await chunksIntact(manifest);
    if (!blobs) {
      await this.remove(ref.key);
      return undefined;
    }
    void db.setManifest({ ...manifest, lastUsed: Date.now() });
    this.onEvent({ type: 'hit', ref, size: manifest.size });
    const body = chunkStream(manifest, blobs, async () => {
      await this.remove(ref.key);
      this.onEvent({ type: 'corrupt', ref });
    });
    return new Response(body, {
      headers: { 'content-length': String(manifest.size), 'content-type': manifest.contentType },
    });
  }

  /** Cache put: stores what did not come through `fetch` (it usually did, and then this is a no-op). */
  async put(request: string, response: Response): Promise<void> {
    const ref = fileRef(request);
    if (!ref || this.#refused.has(ref.key) || !response.body) return;
    const writing = this.#writing.get(ref.key);
    if (writing) return writing;
    if (response.status !== 200 || looksLikeHtml(response.headers.get('content-type'))) return;
    if (await db.manifest(ref.key)) return;
    const writer = new ChunkWriter({
      ref,
      source: request,
      total: null,
      contentType: contentTypeOf(response),
    });
    const reader = response.body.getReader();
    const done = (async () => {
      for (let r = await reader.read(); !r.done; r = await reader.read()) await writer.write(r.value);
      this.onEvent({ type: 'stored', ref, size: (await writer.finish()).size });
    })();
    await this.#track(ref, done, writer);
  }

  /** transformers.js's `env.fetch`: model files stream into the store as the library reads them. */
  fetch: Fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const ref = fileRef(url);
    const headers = new Headers(init?.headers);
    // Size probes (Range: bytes=0-0) and anything that is not a model file pass straight through.
    // So does a second request for a file already downloading (transformers.js asks again for its size).
    const busy = ref && (this.#writing.has(ref.key) || this.#refused.has(ref.key));
    if (!ref || busy || (init?.method ?? 'GET') !== 'GET' || headers.has('Range')) {
      return this.network(input, init);
    }
    return this.#download(ref, url, init, headers);
  };

  async #download(
    ref: FileRef,
    url: string,
    init: RequestInit | undefined,
    headers: Headers,
  ): Promise<Response> {
    const partial = await db.partial(ref.key);
    // NOTE: `Range: bytes=N-` is a CORS-safelisted header; If-Range is not (it would cost a preflight the
    // host may refuse), so the ETag is compared on the answer instead.
    if (partial?.bytes) headers.set('Range', `bytes=${partial.bytes}-`);
    const response = await this.network(url, { ...init, headers });
    const resumed = response.status === 206 && partial ? resumeOffset(response, partial) : null;
    if (response.status === 206 && resumed === null) {
      // The server answered a different range than asked: start the file again.
      await response.body?.cancel();
      await db.removeFile(ref.key);
      headers.delete('Range');
      headers.delete('If-Range');
      return this.#download(ref, url, init, headers);
    }
    if (
      (response.status !== 200 && resumed === null) ||
      looksLikeHtml(response.headers.get('content-type'))
    ) {
      if (response.status !== 404) {
        const why = response.ok
          ? 'an HTML page came instead of the file'
          : `the server answered ${response.status}`;
        this.onEvent({ type: 'not-stored', ref, reason: 'bad-response', message: `${ref.file}: ${why}` });
      }
      return response;
    }
    if (partial && resumed === null) await db.removeFile(ref.key);
    return this.#streamIntoStore(
      ref,
      url,
      response,
      resumed !== null ? { partial: partial!, total: resumed } : null,
    );
  }

  /** Resolves when every write started so far has finished (stored, or given up). */
  async idle(): Promise<void> {
    while (this.#writing.size) await Promise.all(this.#writing.values());
  }

  /** Removes one file and any unfinished download of it. */
  remove(key: string): Promise<void> {
    return db.removeFile(key);
  }

  #streamIntoStore(
    ref: FileRef,
    url: string,
    response: Response,
    resume: { partial: Partial; total: number } | null,
  ) {
    const contentType = contentTypeOf(response);
    const total = resume ? resume.total : declaredSize(response);
    const linked = response.headers.get('x-linked-etag')?.replace(/"/g, '');
    const writer = new ChunkWriter({
      ref,
      source: url,
      total,
      contentType,
      etag: response.headers.get('etag') ?? resume?.partial.etag,
      sha256: linked && /^[0-9a-f]{64}$/.test(linked) ? linked : undefined,
      resume: resume?.partial,
    });
    const network = response.body!.getReader();
    let storing = false;
    let claimed = false;
    let finish!: () => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
    // NOTE: the file is claimed for writing on the first read, not here: transformers.js also fetches
    // files only to look at their headers, and a body nobody reads must not hold the file "in progress".
    const claim = () => {
      claimed = true;
      if (this.#writing.has(ref.key)) return;
      storing = true;
      this.onEvent({ type: 'download', ref, resumedFrom: resume?.partial.bytes ?? 0 });
      void this.#track(ref, done, writer);
    };

    const store = async (bytes: Uint8Array) => {
      if (!storing) return;
      try {
        await writer.write(bytes);
      } catch (error) {
        storing = false;
        fail(error);
      }
    };
    const prefix = resume ? storedPrefix(resume.partial) : [];
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (!claimed) claim();
          const stored = prefix.shift();
          if (stored) return controller.enqueue(new Uint8Array(await (await stored).arrayBuffer()));
          let chunk: ReadableStreamReadResult<Uint8Array>;
          try {
            chunk = await network.read();
          } catch (error) {
            if (storing)
              fail(
                Object.assign(new Error(`${ref.file}: the download was cut off`), {
                  cutOff: true,
                  cause: error,
                }),
              );
            return controller.error(error);
          }
          if (chunk.done) {
            if (storing) writer.finish().then(() => finish(), fail);
            return controller.close();
          }
          // NOTE: the chunk is stored before it is handed on, so a slow disk slows the download instead of
          // piling the file up in memory.
          await store(chunk.value);
          controller.enqueue(chunk.value);
        },
        cancel(reason) {
          if (storing)
            fail(Object.assign(new Error(`${ref.file}: the download was abandoned`), { cutOff: true }));
          return network.cancel(reason);
        },
        // NOTE: no read-ahead: pull runs only when someone reads, which is what claiming relies on.
      },
      { highWaterMark: 0 },
    );
    const headers: Record<string, string> = { 'content-type': contentType };
    if (total !== null) headers['content-length'] = String(total);
    return new Response(body, { status: 200, headers });
  }

  /** Records a write's outcome as a store event; a full disk marks the file "not cached" for this session. */
  async #track(ref: FileRef, done: Promise<void>, writer: ChunkWriter): Promise<void> {
    const settled = done.then(
      () => undefined,
      async (error: unknown) => {
        const cutOff = (error as { cutOff?: boolean }).cutOff === true;
        if (error instanceof StoreFullError) this.#refused.add(ref.key);
        // A cut-off download keeps its complete chunks for a Range resume; anything else leaves nothing.
        if (!cutOff) await writer.discard();
        const reason = error instanceof StoreFullError ? 'full' : cutOff ? 'cut-off' : 'error';
        this.onEvent({ type: 'not-stored', ref, reason, message: (error as Error).message });
      },
    );
    this.#writing.set(ref.key, settled);
    await settled;
    this.#writing.delete(ref.key);
  }
}

const contentTypeOf = (r: Response) => r.headers.get('content-type') ?? 'application/octet-stream';

/** The size the server declared, when the body is not re-encoded (gzip would change the byte count). */
function declaredSize(response: Response): number | null {
  const length = response.headers.get('content-length');
  if (!length || response.headers.get('content-encoding')) return null;
  return Number(length);
}

/** For a 206 answer to `Range: bytes=N-`: the full size, or null when the server sent another range. */
function resumeOffset(response: Response, partial: Partial): number | null {
  const etag = response.headers.get('etag');
  if (etag && partial.etag && etag !== partial.etag) return null; // the file changed since
  const match = /bytes (\d+)-\d+\/(\d+)/.exec(response.headers.get('content-range') ?? '');
  return match && Number(match[1]) === partial.bytes ? Number(match[2]) : null;
}

/** The already-stored chunks of a resumed download, read lazily in order. */
function storedPrefix(partial: Partial): Promise<Blob>[] {
  return partial.chunkSha256.map(async (_, i) => {
    const blob = await db.chunk(partial.key, i);
    if (!blob) throw new Error(`chunk ${i} of ${partial.key} vanished`);
    return blob;
  });
}
