import { db } from './db';
import { CHUNK_SIZE, chunkDigest, type Partial } from './manifest';

/** The validators an answer exposes (a plain static host may expose none: CORS hides them). */
export function validators(response: Response): { etag?: string; lastModified?: string } {
  return {
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
}

/**
 * Whether a partial download can be continued at all: it has complete chunks, is not already whole (a
 * `Range` past the end gets 416), and the first answer exposed an ETag to check the resumed one against.
 * NOTE: Last-Modified is readable from any host, but a host that exposes no ETag (a plain static host,
 * no Access-Control-Expose-Headers) hides Content-Range too, so a resume could never be checked there.
 */
export function canResume(partial: Partial | undefined): partial is Partial {
  if (!partial || partial.bytes <= 0) return false;
  if (partial.total !== null && partial.bytes >= partial.total) return false;
  return Boolean(partial.etag);
}

/**
 * For a 206 answer to `Range: bytes=N-`: the file's full size, or null when the answer cannot be trusted
 * to continue the same file: another range, no readable Content-Range, or a validator that differs.
 * NOTE: If-Range would make the server do this check, but it is not a CORS-safelisted header (it costs a
 * preflight a static host may refuse); comparing the validators on the answer is the same guard.
 */
export function resumeOffset(response: Response, partial: Partial): number | null {
  const now = validators(response);
  if (!partial.etag || now.etag !== partial.etag) return null;
  const match = /bytes (\d+)-\d+\/(\d+)/.exec(response.headers.get('content-range') ?? '');
  return match && Number(match[1]) === partial.bytes ? Number(match[2]) : null;
}

/** Every kept chunk is still there, whole (cheap: Blob handles, no bytes read; hashes are checked as read). */
export async function keptChunksPresent(partial: Partial): Promise<boolean> {
  const blobs = await db.chunksOf(partial.key, partial.chunkHashes.length);
  return blobs.every((b) => b?.size === CHUNK_SIZE);
}

/** A kept chunk is gone or no longer matches its hash: the partial download is dropped. */
export class DamagedPartialError extends Error {
  readonly userFacing = 'network';
  constructor(file: string, index: number) {
    super(
      `Part ${index + 1} of the unfinished download of ${file} was damaged on this device, so it was dropped. Load again to download the file from the start.`,
    );
    this.name = 'DamagedPartialError';
  }
}

/** The already-stored chunks of a resumed download, read lazily in order and each checked against its hash. */
export function storedPrefix(partial: Partial, file: string): (() => Promise<Uint8Array>)[] {
  return partial.chunkHashes.map((expected, i) => async () => {
    const blob = await db.chunk(partial.key, i);
    const bytes = blob ? new Uint8Array(await blob.arrayBuffer()) : null;
    if (!bytes || (await chunkDigest(partial.chunkHash, bytes)) !== expected)
      throw new DamagedPartialError(file, i);
    return bytes;
  });
}
