import { announceWork } from '../model-work';

// One benchmark at a time across every tab of the site: two would share the GPU and the cores, and both
// numbers would be wrong. Web Locks release themselves when the holding tab closes or crashes.
export const BENCH_LOCK = 'llm-bench-running';

/**
 * Runs `task` holding the lock, or returns 'busy' at once when another tab holds it. A task that computes
 * (`waitForChats`) first waits for any chat reply or load in progress to finish.
 */
export async function withBenchLock<T>(task: () => Promise<T>, waitForChats = false): Promise<T | 'busy'> {
  // NOTE: Web Locks exist only in secure contexts; elsewhere run without one.
  const computing = () => (waitForChats ? announceWork('bench', task) : task());
  if (!navigator.locks) return computing();
  return navigator.locks.request(BENCH_LOCK, { ifAvailable: true }, async (lock) => {
    if (!lock) return 'busy';
    if (waitForChats) await chatsFinished();
    return computing();
  });
}

/**
 * Held, shared, by each tab's chat while it loads or generates (src/lib/device-owner.ts). A benchmark that
 * holds BENCH_LOCK asks for it exclusively before its first step, so it waits for any reply to finish.
 */
export const CHAT_LOCK = 'llm-chat-computing';

/** Resolves once no chat in any tab is loading or generating. */
export async function chatsFinished(): Promise<void> {
  await navigator.locks?.request(CHAT_LOCK, () => {});
}
