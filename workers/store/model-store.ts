import { requestProblem } from '../sources';
import { db } from './db';
import type { StoreEvent } from './events';
import { fetchListing, listingUrl, type ListedFile } from './hub-listing';
import { fileRef, type FileRef } from './keys';
import { looksLikeHtml } from './manifest';
import { chunkStream, chunksIntact } from './reader';
import { canResume, keptChunksPresent, resumeOffset } from './resume';
import { stallGuarded } from './stall';
import { declaredSize, streamIntoStore, type ActiveWrite } from './stream-into-store';
import { WholeFileCheck } from './whole-file-check';
import { ChunkWriter, StoreFullError } from './writer';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A request to a host the app does not take models from; refused before it is made. */
export class UntrustedSourceError extends Error {
  readonly userFacing = 'untrusted-source';
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedSourceError';
  }
}

/** The URL a request goes to, once it is known to be a host models may come from; throws otherwise. */
export function trustedUrl(input: string | URL | Request): string {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const problem = requestProblem(url, self.location.origin);
  if (problem) throw new UntrustedSourceError(problem);
  return url;
}

export interface StoreOptions {
  /** The one kind of source this load reads: a hub load never gets a local file, and the reverse. */
  origin?: 'hub' | 'local';
  network?: Fetch;
  /** A request or download with no byte for this long fails (default 30 s). */
  stallMs?: number;
}

/**
 * The model store: every model file transformers.js reads goes through here. It is the library's custom
 * cache (`match`/`put`) and its `fetch`, so downloads stream into IndexedDB while the model loads, a
 * cut-off download resumes with HTTP Range, and the next visit reads from the store.
 */
export class ModelStore {
  onEvent: (event: StoreEvent) => void = () => {};
  /** Files whose write is under way, so `put` does not store them twice. */
  #writing = new Map<string, ActiveWrite>();
  /** Files that could not be stored in this session (full disk): not retried by `put`. */
  #refused = new Set<string>();
  readonly #origin: 'hub' | 'local' | undefined;
  readonly #network: Fetch;
  #listings = new Map<string, Promise<Map<string, ListedFile> | null>>();

  constructor({
    origin,
    network = (input, init) => fetch(input, init),
    stallMs = 30_000,
  }: StoreOptions = {}) {
    this.#origin = origin;
    this.#network = stallGuarded(network, stallMs);
  }

  #ref(url: string): FileRef | null {
    const ref = fileRef(url);
    return ref && (!this.#origin || ref.origin === this.#origin) ? ref : null;
  }

  /** Cache lookup: a Response streaming the stored chunks, or undefined when the file is not (wholly) here. */
  async match(request: string): Promise<Response | undefined> {
    const ref = this.#ref(request);
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
    const ref = this.#ref(request);
    if (!ref || this.#refused.has(ref.key) || !response.body) return;
    const writing = this.#writing.get(ref.key);
    if (writing) return writing.settled;
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
    await this.#track(ref, done, writer, () => void reader.cancel());
  }

  /** transformers.js's `env.fetch`: model files stream into the store as the library reads them. */
  fetch: Fetch = async (input, init) => {
    const url = trustedUrl(input);
    const ref = this.#ref(url);
    const headers = new Headers(init?.headers);
    const get = (init?.method ?? 'GET') === 'GET';
    // An optional file the repo lacks, seen by an earlier load: answered here, with no request.
    if (ref && get && (await db.absent(ref.key))) return new Response(null, { status: 404 });
    // Size probes (Range: bytes=0-0) and anything that is not a model file pass straight through.
    // So does a second request for a file already downloading (transformers.js asks again for its size).
    const busy = ref && (this.#writing.has(ref.key) || this.#refused.has(ref.key));
    if (!ref || busy || !get || headers.has('Range')) {
      const response = await this.#network(input, init);
      if (ref && response.status === 404) this.onEvent({ type: 'missing', ref });
      return response;
    }
    return this.#download(ref, url, init, headers);
  };

  /**
   * One tab downloads a hub file at a time (a Web Lock per file): another tab that wants it waits, then
   * reads it from the store. The lock is held until the write ends; a response nobody starts reading
   * gives it up after a while, so no wait is forever.
   */
  async #download(
    ref: FileRef,
    url: string,
    init: RequestInit | undefined,
    headers: Headers,
  ): Promise<Response> {
    if (ref.origin !== 'hub' || !navigator.locks)
      return this.#fetchAndStore(ref, url, init, headers, () => {});
    const release = await fileLock(ref.key);
    const stored = (await db.manifest(ref.key)) ? await this.match(url) : undefined;
    if (stored) {
      release();
      return stored;
    }
    const unclaimed = setTimeout(release, UNCLAIMED_MS);
    try {
      return await this.#fetchAndStore(ref, url, init, headers, () => clearTimeout(unclaimed), release);
    } catch (error) {
      release();
      throw error;
    }
  }

  async #fetchAndStore(
    ref: FileRef,
    url: string,
    init: RequestInit | undefined,
    headers: Headers,
    claimed: () => void,
    release: () => void = () => {},
  ): Promise<Response> {
    let partial = await db.partial(ref.key);
    if (partial && !(canResume(partial) && (await keptChunksPresent(partial)))) {
      await db.removeFile(ref.key);
      partial = undefined;
    }
    if (partial) headers.set('Range', `bytes=${partial.bytes}-`);
    const listed = this.#listed(ref, url);
    // NOTE: no-store: the store keeps the file, so the browser's HTTP cache need not keep a second copy,
    // and it must not answer a resume with bytes of its own (it validates and completes partial entries).
    const response = await this.#network(url, { ...init, headers, cache: 'no-store' });
    const total = partial && response.status === 206 ? resumeOffset(response, partial) : null;
    if (partial && total === null) {
      // Another range, a changed file, no readable Content-Range, 416, or the whole file (200): what is
      // kept cannot be trusted to continue it, so the file starts again from its first byte.
      await db.removeFile(ref.key);
      this.onEvent({ type: 'restarted', ref });
      if (response.status !== 200) {
        await response.body?.cancel();
        headers.delete('Range');
        return this.#fetchAndStore(ref, url, init, headers, claimed, release);
      }
    }
    if ((response.status !== 200 && total === null) || looksLikeHtml(response.headers.get('content-type'))) {
      if (response.status === 404) this.onEvent({ type: 'missing', ref });
      else {
        const why = response.ok
          ? 'an HTML page came instead of the file'
          : `the server answered ${response.status}`;
        this.onEvent({ type: 'not-stored', ref, reason: 'bad-response', message: `${ref.file}: ${why}` });
      }
      release();
      return response;
    }
    return streamIntoStore({
      ref,
      url,
      response,
      resume: total !== null && partial ? { partial, total } : null,
      size: total === null && declaredSize(response) === null ? await this.#probeSize(url, init) : null,
      check: await WholeFileCheck.create(ref.file, (await listed)?.get(ref.file)),
      claim: (write) => {
        claimed();
        void write.done.catch(() => {}).finally(release);
        if (this.#writing.has(ref.key)) return false;
        this.onEvent({ type: 'download', ref, resumedFrom: partial && total !== null ? partial.bytes : 0 });
        void this.#track(ref, write.done, write.writer, write.abort);
        return true;
      },
    });
  }

  /**
   * A compressed answer does not say how big the file is; transformers.js then grows its buffer as bytes
   * come (and warns). A one-byte Range answer is never compressed and states the size, where readable.
   */
  async #probeSize(url: string, init: RequestInit | undefined): Promise<number | null> {
    try {
      const probe = await this.#network(url, { ...init, headers: { Range: 'bytes=0-0' }, cache: 'no-store' });
      await probe.body?.cancel();
      const match = /^bytes \d+-\d+\/(\d+)$/.exec(probe.headers.get('content-range') ?? '');
      return probe.status === 206 && match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  }

  /**
   * The hub's listing of the folder a file is in (sizes and hashes), asked once per folder and load, and
   * only when a file is downloaded: a cached load asks nothing. Null where the host has no listing.
   */
  #listed(ref: FileRef, url: string): Promise<Map<string, ListedFile> | null> {
    const where =
      ref.origin === 'hub' && ref.revision ? listingUrl(url, ref.modelId, ref.revision, ref.file) : null;
    if (!where) return Promise.resolve(null);
    if (!this.#listings.has(where)) this.#listings.set(where, fetchListing(this.#network, where));
    return this.#listings.get(where)!;
  }

  /**
   * The size of a file a load is about to read, without reading it: the stored copy's, the hub's listing's,
   * or a one-byte Range answer's. 'absent' when the host has no such file; null when nothing said.
   */
  async sizeOf(url: string): Promise<number | null | 'absent'> {
    const ref = this.#ref(trustedUrl(url));
    if (!ref) return null;
    if (await db.absent(ref.key)) return 'absent';
    const manifest = await db.manifest(ref.key);
    if (manifest) return manifest.size;
    const listing = await this.#listed(ref, url);
    if (listing) return listing.get(ref.file)?.size ?? 'absent';
    return this.#probeSize(url, undefined);
  }

  /** Resolves when every write started so far has finished (stored, or given up). */
  async idle(): Promise<void> {
    while (this.#writing.size) await Promise.all([...this.#writing.values()].map((w) => w.settled));
  }

  /**
   * Ends every write still running (after a failed load, nobody reads those downloads any more): each keeps
   * what a resume can use, and `idle()` then resolves.
   */
  async abort(): Promise<void> {
    for (const write of this.#writing.values()) write.abort();
    await this.idle();
  }

  /** Notes that the server has no such file, so later loads answer 404 for it without a request. */
  recordAbsent(key: string): Promise<void> {
    return db.setAbsent(key);
  }

  /** Removes one file and any unfinished download of it. */
  remove(key: string): Promise<void> {
    return db.removeFile(key);
  }

  /** Records a write's outcome as a store event; a full disk marks the file "not cached" for this session. */
  async #track(ref: FileRef, done: Promise<void>, writer: ChunkWriter, abort: () => void): Promise<void> {
    const settled = done.then(
      () => undefined,
      async (error: unknown) => {
        const cutOff = (error as { cutOff?: boolean }).cutOff === true;
        if (error instanceof StoreFullError) this.#refused.add(ref.key);
        // A cut-off download keeps its complete chunks when a resume can use them; anything else leaves nothing.
        const resumable = cutOff && canResume(await db.partial(ref.key).catch(() => undefined));
        if (!resumable) await writer.discard();
        const reason = error instanceof StoreFullError ? 'full' : cutOff ? 'cut-off' : 'error';
        const abandoned = (error as { abandoned?: boolean }).abandoned === true;
        this.onEvent({
          type: 'not-stored',
          ref,
          reason,
          resumable,
          abandoned,
          message: (error as Error).message,
        });
      },
    );
    this.#writing.set(ref.key, { settled, abort, writer, done });
    await settled;
    writer.release();
    this.#writing.delete(ref.key);
  }
}

/** How long a downloaded response may wait to be read before its file lock is given up. */
const UNCLAIMED_MS = 60_000;

/** Takes this file's download lock (waiting while another tab or worker holds it); resolves to its release. */
function fileLock(key: string): Promise<() => void> {
  return new Promise((granted) => {
    void navigator.locks.request(
      `llm-model-download:${key}`,
      () => new Promise<void>((release) => granted(release)),
    );
  });
}

const contentTypeOf = (r: Response) => r.headers.get('content-type') ?? 'application/octet-stream';
