import type { Remote } from 'comlink';
import type { EngineApi, EngineError } from '../../workers/protocol';

const couldNotStart = (detail: string): EngineError => ({
  code: 'network',
  message:
    'The engine could not start: its code did not load (is the network down?). Reload the page to try again.',
  detail,
});

/**
 * Resolves, with what to tell people, when the engine worker is gone or can no longer be trusted:
 * - its script never ran (an `error` event before it answered): its code did not load;
 * - an error it did not handle while `busy()` (a load or a reply): it is terminated here, with that cause;
 * - it ended for any other reason: the Web Lock it holds for its life (workers/life-lock.ts) is released.
 * Whoever terminates the worker on purpose ignores the answer.
 */
export function watchEngine(worker: Worker, remote: Remote<EngineApi>, busy: () => boolean) {
  let started = false;
  let cause: string | undefined;
  return new Promise<EngineError>((resolve) => {
    const stopped = (message: string): EngineError => ({ code: 'engine-stopped', message, detail: cause });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (!started) return resolve(couldNotStart(event.message));
      cause = event.message || 'an error the engine did not handle';
      if (!busy()) return;
      worker.terminate();
      resolve(stopped('The engine stopped after an error it did not handle.'));
    });
    // NOTE: Web Locks exist only in secure contexts; elsewhere deaths other than errors go unnoticed.
    if (!navigator.locks) return;
    const name = `engine-life-${crypto.randomUUID()}`;
    void remote.holdLifeLock(name).then(() => {
      started = true;
      // Granted only once the worker, which holds the lock, is gone.
      void navigator.locks.request(name, () =>
        resolve(
          stopped(
            cause
              ? 'The engine stopped after an error it did not handle.'
              : 'The engine stopped: its worker ended (a crash, out of memory, or the browser closed it).',
          ),
        ),
      );
    });
  });
}
