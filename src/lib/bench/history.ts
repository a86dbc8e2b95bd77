// Past benchmark results, kept in an IndexedDB database of their own (the model store has its own).
import { createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import type { BenchResult } from '../../../workers/bench/result-schema';

export interface HistoryEntry {
  id: string;
  savedAt: number;
  result: BenchResult;
}

let store: UseStore | null = null;
// NOTE: opened on first use, so merely importing this module touches no database.
const db = () => (store ??= createStore('llm-bench-history', 'runs'));

export async function saveResult(id: string, result: BenchResult): Promise<void> {
  await set(id, { id, savedAt: Date.now(), result } satisfies HistoryEntry, db());
}

export async function loadResult(id: string): Promise<HistoryEntry | undefined> {
  return get<HistoryEntry>(id, db());
}

/** Every saved result, newest first. */
export async function listResults(): Promise<HistoryEntry[]> {
  const all = await entries<string, HistoryEntry>(db());
  return all.map(([, entry]) => entry).sort((a, b) => b.savedAt - a.savedAt);
}

export async function deleteResult(id: string): Promise<void> {
  await del(id, db());
}
