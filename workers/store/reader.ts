import { db } from './db';
import { chunkDigest, type Manifest } from './manifest';

/** A stored file failed its check; it has been removed so the next load fetches it again. */
export class CorruptEntryError extends Error {
  constructor(readonly file: string) {
    super(
      `The stored copy of ${file} was damaged and has been removed. Load the model again to download it.`,
    );
    this.name = 'CorruptEntryError';
  }
}

/**
 * Checks that every chunk of a file is present and the sizes add up: cheap (Blob handles, no bytes read),
 * and enough to turn a half-deleted or truncated entry into a miss.
 */
export async function chunksIntact(manifest: Manifest): Promise<Blob[] | null> {
  const blobs = await db.chunksOf(manifest.key, manifest.chunkCount);
  if (blobs.some((b) => !b)) return null;
  const size = (blobs as Blob[]).reduce((n, b) => n + b.size, 0);
  return size === manifest.size ? (blobs as Blob[]) : null;
}

/**
 * Streams a stored file chunk by chunk, checking each chunk's SHA-256. A damaged chunk removes the entry
 * and errors the stream before it ends, so a load never completes on bad bytes.
 * NOTE: the hash of chunk i runs while chunk i is handed on and chunk i + 1 is read from disk; it is
 * awaited before the next chunk goes out, so at most one unchecked chunk is in flight.
 */
export function chunkStream(
  manifest: Manifest,
  blobs: Blob[],
  onCorrupt: () => Promise<void>,
): ReadableStream<Uint8Array> {
  let index = 0;
  let checking: Promise<boolean> = Promise.resolve(true);
  let next: Promise<ArrayBuffer> | undefined = blobs[0]?.arrayBuffer();
  const fail = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    await onCorrupt();
    controller.error(new CorruptEntryError(manifest.file));
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!(await checking)) return fail(controller);
        if (!next) return controller.close();
        const bytes = new Uint8Array(await next);
        const expected = manifest.chunkHashes[index];
        index += 1;
        next = blobs[index]?.arrayBuffer();
        // digest() copies its input when called, so handing the same bytes on right away is safe.
        checking = chunkDigest(manifest.chunkHash, bytes).then((hash) => hash === expected);
        if (!next && !(await checking)) return fail(controller);
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Re-reads a whole file and compares every chunk's hash: the "verify" button. */
export async function verifyEntry(manifest: Manifest): Promise<{ ok: boolean; problem?: string }> {
  const blobs = await chunksIntact(manifest);
  if (!blobs) return { ok: false, problem: 'chunks are missing or the size is wrong' };
  for (const [i, blob] of blobs.entries()) {
    if (
      (await chunkDigest(manifest.chunkHash, new Uint8Array(await blob.arrayBuffer()))) !==
      manifest.chunkHashes[i]
    ) {
      return { ok: false, problem: `chunk ${i + 1} of ${blobs.length} does not match its hash` };
    }
  }
  return { ok: true };
}
