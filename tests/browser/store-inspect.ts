import type { Page } from 'playwright-core';

export interface StoreState {
  manifests: string[];
  partials: string[];
  chunks: string[];
  /** Chunks whose file has neither a manifest nor a partial record. */
  orphans: string[];
}

/** Reads the model store's IndexedDB directly, to check what a test left behind. */
export function storeState(page: Page): Promise<StoreState> {
  return page.evaluate(async () => {
    const all = (db: string, store: string) =>
      new Promise<IDBValidKey[]>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const conn = open.result;
          if (!conn.objectStoreNames.contains(store)) return resolve([]);
          const req = conn.transaction(store).objectStore(store).getAllKeys();
          req.onsuccess = () => (conn.close(), resolve(req.result));
          req.onerror = () => reject(req.error);
        };
      });
    const meta = (await all('llm-model-store', 'meta')).map(String);
    const chunks = (await all('llm-model-chunks', 'chunks')).map(String);
    const manifests = meta.filter((k) => k.startsWith('manifest:')).map((k) => k.slice(9));
    const partials = meta.filter((k) => k.startsWith('partial:')).map((k) => k.slice(8));
    const live = new Set([...manifests, ...partials]);
    return {
      manifests,
      partials,
      chunks,
      orphans: chunks.filter((c) => !live.has(c.replace(/#\d{6}$/, ''))),
    };
  });
}

/** Flips one byte of a stored chunk, keeping its size: only the hash can tell. */
export function corruptChunk(page: Page, chunkKey: string): Promise<void> {
  return page.evaluate(async (key) => {
    const open = indexedDB.open('llm-model-chunks');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const get = db.transaction('chunks').objectStore('chunks').get(key);
    const blob = await new Promise<Blob>((resolve) => (get.onsuccess = () => resolve(get.result as Blob)));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    const tx = db.transaction('chunks', 'readwrite');
    tx.objectStore('chunks').put(new Blob([bytes]), key);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }, chunkKey);
}

/** Reads, writes or deletes one record of the store's IndexedDB directly (value undefined: read; null: delete). */
export function idbRecord(
  page: Page,
  db: 'llm-model-store' | 'llm-model-chunks',
  key: string,
  value?: unknown,
): Promise<unknown> {
  return page.evaluate(
    async ({ db, key, value, write }) => {
      const store = db === 'llm-model-store' ? 'meta' : 'chunks';
      const open = indexedDB.open(db);
      const conn = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const tx = conn.transaction(store, write ? 'readwrite' : 'readonly');
      const req = !write
        ? tx.objectStore(store).get(key)
        : value === null
          ? tx.objectStore(store).delete(key)
          : tx.objectStore(store).put(value, key);
      const result = await new Promise((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      conn.close();
      return result instanceof Blob ? { blobSize: result.size } : result;
    },
    { db, key, value: value ?? null, write: value !== undefined },
  );
}
