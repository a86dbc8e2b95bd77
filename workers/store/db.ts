import { createStore, del, entries, get, getMany, set, type UseStore } from 'idb-keyval';
import { chunkKey, modelScope } from './keys';
import { upgraded, type Manifest, type Partial } from './manifest';

// NOTE: two databases, because idb-keyval's createStore gives each database a single object store.
// Manifests and partial records are small and listed often; chunks are big Blobs, read by key.
const meta: UseStore = createStore('llm-model-store', 'meta');
const chunks: UseStore = createStore('llm-model-chunks', 'chunks');

const M = 'manifest:';
const P = 'partial:';
const D = 'deleted:';
const A = 'absent:';

/** Thrown when a model was deleted (in any tab) after this write began: the delete wins. */
export class DeletedWhileWritingError extends Error {
  constructor(file: string) {
    super(`${file}: the model was deleted while it was being written`);
    this.name = 'DeletedWhileWritingError';
  }
}

/** The store's IndexedDB layout, and nothing else. */
export const db = {
  manifest: async (key: string) => upgraded(await get<Manifest>(M + key, meta)),
  setManifest: (m: Manifest) => set(M + m.key, m, meta),
  deleteManifest: (key: string) => del(M + key, meta),
  partial: async (key: string) => upgraded(await get<Partial>(P + key, meta)),
  setPartial: (p: Partial) => set(P + p.key, p, meta),
  deletePartial: (key: string) => del(P + key, meta),

  async manifests(): Promise<Manifest[]> {
    return (await entries<string, Manifest>(meta))
      .filter(([k]) => k.startsWith(M))
      .map(([, v]) => upgraded(v)!);
  },
  async partials(): Promise<Partial[]> {
    return (await entries<string, Partial>(meta))
      .filter(([k]) => k.startsWith(P))
      .map(([, v]) => upgraded(v)!);
  },

  /** Records that a model (or, for `*`, every model) was deleted now: writes begun before it must not land. */
  markDeleted: (scope: string) => set(D + scope, Date.now(), meta),

  /**
   * Writes a manifest or partial record unless the file's model was deleted after `since`, checked in the
   * same transaction as the write, so a delete in another tab cannot slip in between.
   */
  putUnlessDeleted(record: Manifest | Partial, kind: 'manifest' | 'partial', since: number): Promise<void> {
    const scope = modelScope(record.key);
    return meta('readwrite', async (s) => {
      const [mine, all] = await Promise.all([
        promisified<number | undefined>(s.get(D + scope)),
        promisified<number | undefined>(s.get(`${D}*`)),
      ]);
      if ((mine ?? 0) >= since || (all ?? 0) >= since) throw new DeletedWhileWritingError(record.key);
      await promisified(s.put(record, (kind === 'manifest' ? M : P) + record.key));
      if (kind === 'manifest') await promisified(s.delete(P + record.key));
    });
  },
  /** Writes an import's manifests together, unless the model was deleted after `since`. */
  sealAll(manifests: Manifest[], since: number): Promise<void> {
    if (!manifests.length) return Promise.resolve();
    const scope = modelScope(manifests[0]!.key);
    return meta('readwrite', async (s) => {
      const deleted = await Promise.all(
        [D + scope, `${D}*`].map((k) => promisified<number | undefined>(s.get(k))),
      );
      if (deleted.some((t) => (t ?? 0) >= since)) throw new DeletedWhileWritingError(scope);
      await Promise.all(manifests.map((m) => promisified(s.put(m, M + m.key))));
    });
  },
  async deletedSince(key: string, since: number): Promise<boolean> {
    const [mine, all] = await getMany<number | undefined>([D + modelScope(key), `${D}*`], meta);
    return (mine ?? 0) >= since || (all ?? 0) >= since;
  },

  /** Optional files a repo lacks (a 404 during a load that then succeeded): answered without a request. */
  absent: (key: string) => get<true>(A + key, meta),
  setAbsent: (key: string) => set(A + key, true, meta),
  async absentKeys(): Promise<string[]> {
    return (await entries<string, unknown>(meta))
      .filter(([k]) => k.startsWith(A))
      .map(([k]) => k.slice(A.length));
  },
  deleteAbsent: (key: string) => del(A + key, meta),

  setChunk: (key: string, index: number, blob: Blob) => set(chunkKey(key, index), blob, chunks),
  chunk: (key: string, index: number) => get<Blob>(chunkKey(key, index), chunks),
  chunksOf: (key: string, count: number) =>
    getMany<Blob>(
      Array.from({ length: count }, (_, i) => chunkKey(key, i)),
      chunks,
    ),
  /** Every chunk key in the store (for finding orphans). */
  chunkKeys: () => chunks('readonly', (s) => promisified<IDBValidKey[]>(s.getAllKeys())) as Promise<string[]>,
  /** Deletes all chunks of a file, however many were written. */
  deleteChunks: (key: string) =>
    chunks('readwrite', (s) => promisified(s.delete(IDBKeyRange.bound(`${key}#`, `${key}#\uffff`)))),
  /** Removes every trace of one file; the manifest goes first, so a half-removed file never looks complete. */
  async removeFile(key: string): Promise<void> {
    await db.deleteManifest(key);
    await db.deletePartial(key);
    await db.deleteChunks(key);
  },
  deleteChunkKeys: (keys: string[]) =>
    chunks('readwrite', (s) => Promise.all(keys.map((k) => promisified(s.delete(k))))),
};

function promisified<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
