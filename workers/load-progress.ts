import type { ProgressInfo } from '@huggingface/transformers';
import type { LoadEvent } from './protocol';

/** Forwards transformers.js file progress as per-file events, at most every 100 ms per file. */
export function progressReporter(onEvent: (event: LoadEvent) => void) {
  const lastSent = new Map<string, number>();
  return (info: ProgressInfo) => {
    if (info.status === 'progress') {
      const now = performance.now();
      if (now - (lastSent.get(info.file) ?? -Infinity) < 100 && info.loaded < info.total) return;
      lastSent.set(info.file, now);
      onEvent({ kind: 'file', file: info.file, loaded: info.loaded, total: info.total, done: false });
    } else if (info.status === 'done') {
      onEvent({ kind: 'file', file: info.file, loaded: -1, total: -1, done: true });
    }
  };
}
