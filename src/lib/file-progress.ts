import type { LoadEvent, PlannedFile } from '../../workers/protocol';

/** One file of a load: bytes so far, and where it came from. */
export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
  /** The most bytes seen for this file: a restarted download does not take the overall bar back. */
  peak: number;
  /** Read from the model store, or downloaded (and stored). */
  source?: 'network' | 'cache';
  /** Bytes a resumed download already had. */
  resumedFrom?: number;
}

/** The overall bar: bytes of the planned files, and how many of them have no known size. */
export interface Overall {
  /** The plan has arrived: until then nothing about the total is known. */
  planned: boolean;
  loaded: number;
  total: number;
  /** 0–1; below 1 until every planned file is read. */
  fraction: number;
  /** Planned files of unknown size still being read. */
  unknownLeft: number;
  complete: boolean;
}

function entryOf(files: FileProgress[], file: string): FileProgress {
  let entry = files.find((f) => f.file === file);
  if (!entry) {
    files.push({ file, loaded: 0, total: 0, done: false, peak: 0 });
    entry = files[files.length - 1]!;
  }
  return entry;
}

/** Lists every planned file at once, with its size where known (in place: it may be a $state proxy). */
export function applyPlan(files: FileProgress[], plan: PlannedFile[]): void {
  for (const { file, size } of plan) {
    const entry = entryOf(files, file);
    if (size !== null && entry.total <= 0) entry.total = size;
  }
}

/** Applies one file event of a load to the per-file progress list (in place: it may be a $state proxy). */
export function applyFileEvent(
  files: FileProgress[],
  event: Extract<LoadEvent, { kind: 'file' } | { kind: 'source' }>,
): void {
  const entry = entryOf(files, event.file);
  if (event.kind === 'source') {
    entry.source = event.source;
    entry.resumedFrom = event.resumedFrom;
  } else if (event.done) {
    entry.done = true;
    if (entry.total > 0) entry.loaded = entry.total;
  } else {
    entry.loaded = event.loaded;
    // NOTE: a compressed answer reports no total (0): the planned size stays.
    if (event.total > 0) entry.total = event.total;
  }
  entry.peak = Math.max(entry.peak, entry.loaded);
}

/**
 * The overall bar counts the planned files only, each at most its planned size and never less than
 * it has shown: it never goes backwards, and it reaches 1 only when every planned file is read.
 */
export function overallProgress(plan: PlannedFile[] | null, files: FileProgress[]): Overall {
  if (!plan) return { planned: false, loaded: 0, total: 0, fraction: 0, unknownLeft: 0, complete: false };
  let [loaded, total, unknownLeft, complete] = [0, 0, 0, true];
  for (const { file, size } of plan) {
    const entry = files.find((f) => f.file === file);
    const done = entry?.done ?? false;
    complete &&= done;
    if (size === null) {
      if (!done) unknownLeft += 1;
      continue;
    }
    total += size;
    loaded += done ? size : Math.min(size, entry?.peak ?? 0);
  }
  const share = total > 0 ? loaded / total : 0;
  return {
    planned: true,
    loaded,
    total,
    fraction: complete && plan.length ? 1 : Math.min(share, 0.99),
    unknownLeft,
    complete,
  };
}
