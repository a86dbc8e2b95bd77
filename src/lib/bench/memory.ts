// Memory readings after a run, where the browser offers them; silently nothing where it does not.
import type { BenchRun } from '../../../workers/bench/result-schema';

type MeasureMemory = () => Promise<{ bytes: number }>;
interface ChromiumPerformance {
  memory?: { usedJSHeapSize: number };
  measureUserAgentSpecificMemory?: MeasureMemory;
}

/**
 * Attaches readings to runs. performance.memory is read at once; measureUserAgentSpecificMemory (cross-origin
 * isolated pages only) resolves at the browser's next garbage collection, so it is started in the
 * background, one at a time, and lands on the run it was started after.
 */
export class MemoryProbe {
  #pending: Promise<void> | null = null;
  readonly #perf = performance as Performance & ChromiumPerformance;

  attach(run: BenchRun): void {
    const heap = this.#perf.memory?.usedJSHeapSize;
    if (typeof heap === 'number') run.memory = { ...run.memory, jsHeapBytes: heap };
    const measure = this.#perf.measureUserAgentSpecificMemory;
    if (this.#pending || !globalThis.crossOriginIsolated || typeof measure !== 'function') return;
    this.#pending = measure
      .call(this.#perf)
      .then(({ bytes }) => void (run.memory = { ...run.memory, userAgentBytes: bytes }))
      .catch(() => {})
      .finally(() => (this.#pending = null));
  }

  /** Waits for a measurement still running, at most `ms`. */
  async settle(ms: number): Promise<void> {
    if (this.#pending) await Promise.race([this.#pending, new Promise((r) => setTimeout(r, ms))]);
  }
}
