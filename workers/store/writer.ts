import { db } from './db';
import type { FileRef } from './keys';
import { CHUNK_SIZE, sha256Hex, type Manifest, type Partial } from './manifest';

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
  sha256?: string;
  /** A partial entry this write continues (its chunks stay). */
  resume?: Partial;
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

  constructor(readonly start: WriterStart) {
    this.#bytes = start.resume?.bytes ?? 0;
    this.#hashes = [...(start.resume?.chunkSha256 ?? [])];
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

  /** Writes the last chunk and the manifest; refuses a file whose size is not what the server said. */
  async finish(): Promise<Manifest> {
    if (this.#filled > 0) await this.#flushChunk();
    const { ref, total, source, contentType, etag, sha256 } = this.start;
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
      chunkSha256: this.#hashes,
      contentType,
      etag,
      sha256,
      storedAt: now,
      lastUsed: now,
    };
    await db.setManifest(manifest);
    await db.deletePartial(ref.key);
    return manifest;
  }

  /** Removes every trace of this file (used for a full disk and for bad data). */
  async discard(): Promise<void> {
    await db.deletePartial(this.start.ref.key).catch(() => {});
    await db.deleteChunks(this.start.ref.key).catch(() => {});
  }

  async #flushChunk(): Promise<void> {
    const bytes = this.#buffer.slice(0, this.#filled);
    const hash = await sha256Hex(bytes);
    try {
      await db.setChunk(this.start.ref.key, this.#index, new Blob([bytes]));
      this.#hashes.push(hash);
      this.#index += 1;
      this.#bytes += this.#filled;
      this.#filled = 0;
      const { ref, source, total, etag, contentType } = this.start;
      await db.setPartial({
        key: ref.key,
        source,
        bytes: this.#bytes,
        chunkSha256: this.#hashes,
        total,
        etag,
        contentType,
        startedAt: this.start.resume?.startedAt ?? Date.now(),
      });
    } catch (error) {
      if (isQuotaError(error)) {
        await this.discard();
        throw new StoreFullError(this.start.total ?? this.bytes, error);
      }
      throw error;
    }
  }
}
