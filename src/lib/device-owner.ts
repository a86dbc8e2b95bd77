// One owner of the device at a time: the chat and a benchmark never compute together, in this tab or
// across tabs (they would share the GPU and the cores, and the benchmark's numbers would be wrong).
import { BENCH_LOCK, CHAT_LOCK } from './bench/bench-lock';
import { announceWork } from './model-work';

export const BENCH_RUNNING =
  'A benchmark is running (in this tab or another) and has the device to itself: the chat waits until it ends.';

/** Whether a benchmark holds the device now, in any tab of the site. */
export async function benchRunning(): Promise<boolean> {
  if (!navigator.locks) return false;
  const { held = [] } = await navigator.locks.query();
  return held.some((lock) => lock.name === BENCH_LOCK);
}

/**
 * Runs the chat's `work` holding CHAT_LOCK (shared: chats in several tabs do not wait for each other), or
 * `refused()` when a benchmark has the device.
 * NOTE: the check is made once the lock is held: a benchmark that took BENCH_LOCK a moment earlier either
 * waits for this work (chatsFinished) or is seen here.
 */
export async function asChatWork<T>(work: () => Promise<T>, refused: () => T): Promise<T> {
  // NOTE: announced even without the lock, so a benchmark can void the runs this work overlapped.
  if (!navigator.locks) return announceWork('chat', work);
  return navigator.locks.request(CHAT_LOCK, { mode: 'shared' }, async () =>
    (await benchRunning()) ? refused() : announceWork('chat', work),
  );
}
