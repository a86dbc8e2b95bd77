/** The model store's worker (workers/store.worker.ts): list, verify, delete, import and export. */
export function spawnStoreWorker(): Worker {
  return new Worker(new URL('../../workers/store.worker.ts', import.meta.url), {
    type: 'module',
    name: 'model-store',
  });
}
