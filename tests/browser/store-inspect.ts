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
