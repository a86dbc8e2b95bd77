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
  /** SHA-256 (hex) of each chunk, checked on every read and by "verify". */
  chunkSha256: string[];
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
  chunkSha256: string[];
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

/** Hex SHA-256 of bytes, with the browser's native digest. */
export async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
