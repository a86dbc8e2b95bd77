import type { LoadEvent } from '../../workers/protocol';

/** One file of a load: bytes so far, and where it came from. */
export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
  /** Read from the model store, or downloaded (and stored). */
  source?: 'network' | 'cache';
  /** Bytes a resumed download already had. */
  resumedFrom?: number;
}

/** Applies one file event of a load to the per-file progress list (in place: it may be a $state proxy). */
export function applyFileEvent(
  files: FileProgress[],
  event: Extract<LoadEvent, { kind: 'file' } | { kind: 'source' }>,
): void {
  let entry = files.find((f) => f.file === event.file);
  if (!entry) {
    files.push({ file: event.file, loaded: 0, total: 0, done: false });
    entry = files[files.length - 1]!;
  }
  if (event.kind === 'source') {
    entry.source = event.source;
    entry.resumedFrom = event.resumedFrom;
  } else if (event.done) {
    entry.done = true;
    if (entry.total > 0) entry.loaded = entry.total;
  } else {
    entry.loaded = event.loaded;
    entry.total = event.total;
  }
}
