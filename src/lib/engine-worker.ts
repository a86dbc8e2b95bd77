/** A fresh engine worker (workers/engine.worker.ts); whoever spawns it terminates it. */
export function spawnEngineWorker(name = 'engine'): Worker {
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name });
}
