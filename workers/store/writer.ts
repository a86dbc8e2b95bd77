import { db, DeletedWhileWritingError } from './db';
import type { FileRef } from './keys';
import { CHUNK_HASH, CHUNK_SIZE, chunkDigest, type ChunkHash, type Manifest, type Partial } from './manifest';

/** Thrown when the origin's storage is full; carries the sizes for the message. */
export class StoreFullError extends Error {
  constructor(
    readonly needed: number,
    cause: unknown,
  ) {
    super(`Not enough storage for this file (${needed} bytes)`, { cause });
    this.name = 'StoreFullError';
  }
}

/** Browsers name a full disk differently (QuotaExceededError, NS_ERROR_DOM_QUOTA_REACHED, …). */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | null;
  return /quota/i.test(`${e?.name ?? ''} ${e?.message ?? ''}`);
}

export interface WriterStart {
  ref: FileRef;
  source: string;
  total: number | null;
  contentType: string;
  etag?: string;
  lastModified?: string;
  sha256?: string;
  hubCheck?: 'sha256' | 'git-oid';
  /** A partial entry this write continues (its chunks stay). */
  resume?: Partial;
  /**
   * Downloads keep a partial record after each chunk (for a resume) and seal the file with its manifest.
   * Imports do neither: their manifests are written together at the end, so a half import is never
   * listed, and its chunks are orphans that the next start removes.
   */
  staged?: boolean;
}

/**
 * Writes one file as 32 MiB Blob chunks. After each complete chunk the partial record is updated, so a
 * cut-off download can resume there; the manifest is written last, only when every byte is in.
 * NOTE: peak extra memory is one chunk, not a second copy of the file.
 */
export class ChunkWriter {
  #buffer = new Uint8Array(CHUNK_SIZE);
  #filled = 0;
  #bytes: number;
  #hashes: string[];
  #index: number;
  /** A resumed file keeps the algorithm its kept chunks were hashed with. */
  #hash: ChunkHash;
  /** When this write began: a delete of the model after it wins (db.putUnlessDeleted). */
  readonly since = Date.now();

  /** Held while this writer may still write: start-up clean-up leaves the store alone meanwhile. */
  #release = holdWriteLock();

  constructor(readonly start: WriterStart) {
    this.#bytes = start.resume?.bytes ?? 0;
    this.#hashes = [...(start.resume?.chunkHashes ?? [])];
    this.#hash = start.resume?.chunkHash ?? CHUNK_HASH;
    this.#index = this.#hashes.length;
  }

  get bytes() {
    return this.#bytes + this.#filled;
  }

  async write(data: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const n = Math.min(CHUNK_SIZE - this.#filled, data.length - offset);
      this.#buffer.set(data.subarray(offset, offset + n), this.#filled);
      this.#filled += n;
      offset += n;
      if (this.#filled === CHUNK_SIZE) await this.#flushChunk();
    }
  }

  /**
   * Writes the last chunk and the manifest (a staged write returns it unwritten); refuses a file whose size
   * is not what the server said.
   */
  async finish(): Promise<Manifest> {
    if (this.#filled > 0) await this.#flushChunk();
    const { ref, total, source, contentType, etag, sha256, hubCheck } = this.start;
    if (total !== null && this.#bytes !== total) {
      await this.discard();
      throw new Error(`${ref.file}: got ${this.#bytes} bytes, expected ${total}`);
    }
    const now = Date.now();
    const manifest: Manifest = {
      ...ref,
      source,
      size: this.#bytes,
      chunkSize: CHUNK_SIZE,
      chunkCount: this.#index,
      chunkHashes: this.#hashes,
      chunkHash: this.#hash,
      contentType,
      etag,
      lastModified: this.start.lastModified,
      sha256,
      hubCheck,
      storedAt: now,
      lastUsed: now,
    };
    if (!this.start.staged) await this.#guard(() => db.putUnlessDeleted(manifest, 'manifest', this.since));
    return manifest;
  }

  /** This writer will write no more. */
  release(): void {
    this.#release();
  }

  /** Removes every trace of this file (used for a full disk and for bad data). */
  async discard(): Promise<void> {
    await db.deletePartial(this.start.ref.key).catch(() => {});
    await db.deleteChunks(this.start.ref.key).catch(() => {});
  }

  /** Runs a write; on any failure (a full disk, a delete that won) this file leaves nothing behind. */
  async #guard(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      await this.discard();
      if (isQuotaError(error)) throw new StoreFullError(this.start.total ?? this.bytes, error);
      throw error;
    }
  }

  async #flushChunk(): Promise<void> {
    const bytes = this.#buffer.slice(0, this.#filled);
    const hash = await chunkDigest(this.#hash, bytes);
    const { ref, source, total, etag, lastModified, contentType, staged } = this.start;
    await this.#guard(async () => {
      if (await db.deletedSince(ref.key, this.since)) throw new DeletedWhileWritingError(ref.file);
      await db.setChunk(ref.key, this.#index, new Blob([bytes]));
      this.#hashes.push(hash);
      this.#index += 1;
      this.#bytes += this.#filled;
      this.#filled = 0;
      if (staged) return;
      const partial: Partial = {
        key: ref.key,
        source,
        bytes: this.#bytes,
        chunkHashes: this.#hashes,
        chunkHash: this.#hash,
        total,
        etag,
        lastModified,
        contentType,
        startedAt: this.start.resume?.startedAt ?? Date.now(),
      };
      await db.putUnlessDeleted(partial, 'partial', this.since);
    });
  }
}

/** The Web Lock every writer holds (shared) and the orphan clean-up takes (exclusive, only if free). */
export const WRITE_LOCK = 'llm-model-store-writes';

function holdWriteLock(): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  void navigator.locks?.request(WRITE_LOCK, { mode: 'shared' }, () => held);
  return release;
}
