/**
 * Holds a Web Lock named `name` for the rest of this worker's life. The browser releases it when the worker
 * ends, whatever the cause (a crash, out of memory, `close()`, `terminate()`), so the page, waiting for the
 * same lock, learns of the death even while ONNX Runtime blocks this thread (where a heartbeat could not).
 * Resolves once the lock is held; without Web Locks (not a secure context) it resolves at once.
 */
export function holdLifeLock(name: string): Promise<void> {
  return new Promise((held) => {
    if (!navigator.locks) return held();
    void navigator.locks.request(name, () => {
      held();
      return new Promise<never>(() => {});
    });
  });
}
