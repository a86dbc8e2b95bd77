import { createStore, del, entries, get, getMany, set, type UseStore } from 'idb-keyval';
import { chunkKey } from './keys';
import type { Manifest, Partial } from './manifest';

// NOTE: two databases, because idb-keyval's createStore gives each database a single object store.
// Manifests and partial records are small and listed often; chunks are big Blobs, read by key.
const meta: UseStore = createStore('llm-model-store', 'meta');
const chunks: UseStore = createStore('llm-model-chunks', 'chunks');

const M = 'manifest:';
const P = 'partial:';

/** The store's IndexedDB layout, and nothing else. */
export const db = {
  manifest: (key: string) => get<Manifest>(M + key, meta),
  setManifest: (m: Manifest) => set(M + m.key, m, meta),
  deleteManifest: (key: string) => del(M + key, meta),
  partial: (key: string) => get<Partial>(P + key, meta),
  setPartial: (p: Partial) => set(P + p.key, p, meta),
  deletePartial: (key: string) => del(P + key, meta),

  async manifests(): Promise<Manifest[]> {
    return (await entries<string, Manifest>(meta)).filter(([k]) => k.startsWith(M)).map(([, v]) => v);
  },
  async partials(): Promise<Partial[]> {
    return (await entries<string, Partial>(meta)).filter(([k]) => k.startsWith(P)).map(([, v]) => v);
  },

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
