import type { FileRef } from './keys';
import type { Partial } from './manifest';
import { storedPrefix, validators } from './resume';
import { StalledError } from './stall';
import type { WholeFileCheck } from './whole-file-check';
import { ChunkWriter } from './writer';

/** One download being written into the store, as the store tracks it. */
export interface ActiveWrite {
  /** Settles when the write has ended, stored or not (never rejects). */
  settled: Promise<void>;
  done: Promise<void>;
  writer: ChunkWriter;
  /** Ends the download now: what is kept stays for a resume. */
  abort: () => void;
}

interface StreamStart {
  ref: FileRef;
  url: string;
  response: Response;
  resume: { partial: Partial; total: number } | null;
  /** The file's size when the answer does not say it (a compressed answer), learnt from a size probe. */
  size: number | null;
  /** The hub's hash of the whole file, checked as the bytes go by; the stream fails on a mismatch. */
  check: WholeFileCheck | null;
  /** Called on the first read; false when another download of the file is already being stored. */
  claim: (write: Omit<ActiveWrite, 'settled'>) => boolean;
}

const cutOff = (message: string, cause?: unknown) =>
  Object.assign(new Error(message, { cause }), { cutOff: true });
/** Ended by this app (a failed load, a reader that gave up): kept for a resume, but not a network fault. */
const abandoned = (file: string) =>
  Object.assign(cutOff(`${file}: the download was abandoned`), { abandoned: true });

/**
 * The body transformers.js reads for a downloaded file: the kept chunks of a resumed download first (each
 * checked against its hash), then the network's bytes, each stored before it is handed on. The write ends
 * (stored, failed or cut off) whatever happens to the stream, so the store never waits forever.
 */
export function streamIntoStore({ ref, url, response, resume, size, check, claim }: StreamStart): Response {
  const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
  const total = resume ? resume.total : (declaredSize(response) ?? size);
  const now = validators(response);
  const writer = new ChunkWriter({
    ref,
    source: url,
    total,
    contentType,
    etag: resume ? resume.partial.etag : now.etag,
    lastModified: resume ? resume.partial.lastModified : now.lastModified,
    sha256: check?.expected.sha256,
    hubCheck: check?.kind,
    resume: resume?.partial,
  });
  const network = response.body!.getReader();
  let storing = false;
  let claimed = false;
  let ended = false;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = () => ((ended = true), resolve());
    fail = (error) => ((ended = true), reject(error));
  });
  const abort = () => {
    if (!ended) fail(abandoned(ref.file));
    void network.cancel().catch(() => {});
  };
  // NOTE: the file is claimed for writing on the first read, not here: transformers.js also fetches
  // files only to look at their headers, and a body nobody reads must not hold the file "in progress".
  const start = () => {
    claimed = true;
    storing = claim({ done, writer, abort });
  };
  const prefix = resume ? storedPrefix(resume.partial, ref.file) : [];

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!claimed) start();
        if (ended && storing) return controller.error(new Error(`${ref.file}: the download was stopped`));
        const stored = prefix.shift();
        if (stored) {
          try {
            const bytes = await stored();
            check?.update(bytes);
            return controller.enqueue(bytes);
          } catch (error) {
            if (storing) fail(error); // not a cut: the partial is damaged, so nothing of it stays
            void network.cancel().catch(() => {});
            return controller.error(error);
          }
        }
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await network.read();
        } catch (error) {
          const stalled = error instanceof StalledError;
          if (storing) fail(cutOff(stalled ? error.message : `${ref.file}: the download was cut off`, error));
          return controller.error(error);
        }
        if (chunk.done) {
          const mismatch = check?.finish();
          if (mismatch) {
            if (storing) fail(mismatch); // not a cut: nothing of this file stays
            return controller.error(mismatch);
          }
          if (storing) writer.finish().then(finish, fail);
          return controller.close();
        }
        check?.update(chunk.value);
        // NOTE: the chunk is stored before it is handed on, so a slow disk slows the download instead of
        // piling the file up in memory.
        if (storing) {
          try {
            await writer.write(chunk.value);
          } catch (error) {
            storing = false;
            fail(error);
          }
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        if (storing && !ended) fail(abandoned(ref.file));
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

/** The size the server declared, when the body is not re-encoded (gzip would change the byte count). */
export function declaredSize(response: Response): number | null {
  const length = response.headers.get('content-length');
  if (!length || response.headers.get('content-encoding')) return null;
  return Number(length);
}
