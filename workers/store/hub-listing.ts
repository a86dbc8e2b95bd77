type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** What the hub publishes about one file: its size and, for LFS files, the SHA-256 of its content. */
export interface ListedFile {
  size: number;
  /** SHA-256 of the file (LFS files: the model weights). */
  sha256?: string;
  /** Git's blob id (SHA-1 of "blob <size>\0" + content) for files kept in git itself (JSON files). */
  gitOid?: string;
}

/**
 * Where the hub's file listing of a folder is: `<host>/api/models/<id>/tree/<revision>/<folder>`, on the
 * host (and base path) the file itself comes from. Null for a URL without the hub's layout.
 */
export function listingUrl(fileUrl: string, modelId: string, revision: string, file: string): string | null {
  const at = fileUrl.indexOf(`/${modelId}/resolve/`);
  if (at < 0) return null;
  const folder = file.includes('/') ? `/${file.slice(0, file.lastIndexOf('/'))}` : '';
  return `${fileUrl.slice(0, at)}/api/models/${modelId}/tree/${encodeURIComponent(revision)}${folder}`;
}

/**
 * Reads a listing answer, trusting nothing: entries that are not well-formed are skipped, and only hex
 * digests of the right length are kept.
 */
export function parseListing(json: unknown): Map<string, ListedFile> {
  const files = new Map<string, ListedFile>();
  if (!Array.isArray(json)) return files;
  for (const entry of json as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const { type, path, size, oid, lfs } = entry as Record<string, unknown>;
    if (type !== 'file' || typeof path !== 'string' || !Number.isSafeInteger(size) || (size as number) < 0)
      continue;
    const lfsOid = (lfs as { oid?: unknown } | null)?.oid;
    const sha256 =
      typeof lfsOid === 'string' && /^(sha256:)?[0-9a-f]{64}$/i.test(lfsOid)
        ? lfsOid.slice(-64).toLowerCase()
        : undefined;
    const gitOid =
      !lfs && typeof oid === 'string' && /^[0-9a-f]{40}$/i.test(oid) ? oid.toLowerCase() : undefined;
    files.set(path, { size: size as number, sha256, gitOid });
  }
  return files;
}

/** Fetches a folder's listing; null when the host has none or refuses it (a plain static host, CORS). */
export async function fetchListing(network: Fetch, url: string): Promise<Map<string, ListedFile> | null> {
  try {
    const response = await network(url, { cache: 'no-store' });
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    return parseListing(await response.json());
  } catch {
    return null;
  }
}
