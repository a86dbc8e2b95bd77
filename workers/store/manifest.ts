import { xxhash3 } from 'hash-wasm';

/** What the store knows of one complete file. Written last: no manifest, no cached file. */
export interface Manifest {
  key: string;
  modelId: string;
  file: string;
  origin: 'hub' | 'local';
  /** Where it came from: a URL, or `import:<name>` for files imported from disk. */
  source: string;
  size: number;
  chunkSize: number;
  chunkCount: number;
  /** The hash of each chunk (hex), checked before every read reaches the model and by "verify". */
  chunkHashes: string[];
  chunkHash: ChunkHash;
  contentType: string;
  etag?: string;
  lastModified?: string;
  /** SHA-256 of the whole file, when the hub's listing gave it and the download matched it. */
  sha256?: string;
  /** How the whole file was checked against the hub's listing as it downloaded, if it was. */
  hubCheck?: 'sha256' | 'git-oid';
  storedAt: number;
  lastUsed: number;
}

/** An unfinished download: complete chunks written so far, kept so the next attempt can resume. */
export interface Partial {
  key: string;
  source: string;
  /** Bytes in complete chunks (a multiple of chunkSize). */
  bytes: number;
  chunkHashes: string[];
  chunkHash: ChunkHash;
  total: number | null;
  /** The validators the first answer exposed: a resume is trusted only when the server repeats one. */
  etag?: string;
  lastModified?: string;
  contentType: string;
  startedAt: number;
}

/** Files are stored in 32 MiB Blob chunks: small enough for any browser's value limit, few enough to list. */
export const CHUNK_SIZE = 32 * 1024 * 1024;

/** Model files are binary or JSON: an HTML page in their place is an error page or an SPA fallback. */
export function looksLikeHtml(contentType: string | null): boolean {
  return /text\/html/i.test(contentType ?? '');
}

/**
 * How chunks are hashed at rest. XXH3 (64-bit) for new files: the chunk hashes catch damage on this device
 * (a bad disk, a write cut short), not forgery (whoever can rewrite a chunk can rewrite its manifest too);
 * authenticity is checked once, at download, against the hub's SHA-256. Measured here
 * (scripts/store-read-anatomy.ts), SHA-256 of every chunk doubled the time of a cached read, XXH3 added a
 * fifth. Stores written before keep `sha256`.
 */
export type ChunkHash = 'xxh3' | 'sha256';
export const CHUNK_HASH: ChunkHash = 'xxh3';

/** The hex digest of one chunk with the given algorithm. */
export async function chunkDigest(algorithm: ChunkHash, data: Uint8Array): Promise<string> {
  if (algorithm === 'xxh3') return xxhash3(data);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Records written before chunk hashes were named: their `chunkSha256` becomes `chunkHashes`. */
export function upgraded<T extends Manifest | Partial>(record: T | undefined): T | undefined {
  if (!record || record.chunkHashes) return record;
  const old = record as T & { chunkSha256?: string[] };
  return { ...old, chunkHashes: old.chunkSha256 ?? [], chunkHash: 'sha256' };
}
