// One benchmark at a time across every tab of the site: two would share the GPU and the cores, and both
// numbers would be wrong. Web Locks release themselves when the holding tab closes or crashes.
export const BENCH_LOCK = 'llm-bench-running';

/** Runs `task` holding the lock, or returns 'busy' at once when another tab holds it. */
export async function withBenchLock<T>(task: () => Promise<T>): Promise<T | 'busy'> {
  // NOTE: Web Locks exist only in secure contexts; elsewhere run without one.
  if (!navigator.locks) return task();
  return navigator.locks.request(BENCH_LOCK, { ifAvailable: true }, (lock) => (lock ? task() : 'busy'));
}
