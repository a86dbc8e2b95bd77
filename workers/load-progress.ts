import type { ProgressInfo } from '@huggingface/transformers';
import { isWeights } from './load-plan';
import type { LoadEvent, PlannedFile } from './protocol';

/**
 * Forwards transformers.js file progress as per-file events, at most every 100 ms per file, and says
 * "creating-session" once the last weight file is read: ONNX Runtime builds the session after that byte.
 */
export function progressReporter(onEvent: (event: LoadEvent) => void) {
  const lastSent = new Map<string, number>();
  /** Weight files not read yet; null until the plan is known. */
  let weightsLeft: Set<string> | null = null;
  let preparing = false;
  const report = (info: ProgressInfo) => {
    if (info.status === 'progress') {
      const now = performance.now();
      if (now - (lastSent.get(info.file) ?? -Infinity) < 100 && info.loaded < info.total) return;
      lastSent.set(info.file, now);
      onEvent({ kind: 'file', file: info.file, loaded: info.loaded, total: info.total, done: false });
    } else if (info.status === 'done') {
      onEvent({ kind: 'file', file: info.file, loaded: -1, total: -1, done: true });
      if (!isWeights(info.file)) return;
      weightsLeft?.delete(info.file);
      // Without a plan, the first weight file read is the best sign there is.
      if (!preparing && (weightsLeft === null || weightsLeft.size === 0)) {
        preparing = true;
        onEvent({ kind: 'stage', stage: 'creating-session' });
      }
    }
  };
  /** Announces the plan, and from then on waits for all of its weight files before "creating-session". */
  report.plan = (files: PlannedFile[]) => {
    const weights = files.map((f) => f.file).filter(isWeights);
    weightsLeft = weights.length ? new Set(weights) : null;
    onEvent({ kind: 'plan', files });
  };
  return report;
}
