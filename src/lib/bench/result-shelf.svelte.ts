// The results on screen (side by side), the saved history, imported files, and which of them the device
// comparison reads.
import type { BenchResult } from '../../../workers/bench/result-schema';
import { recomputeResult } from '../../../workers/bench/summarize';
import { deleteResult, listResults, type HistoryEntry } from './history';
import { parseResultFile } from './import-result';
import { localTime } from './prepare';

/** A result on screen, and where it came from. */
export interface ShownResult {
  id: string;
  origin: 'this tab' | 'history' | 'imported';
  label: string;
  result: BenchResult;
  /** Still running: the numbers so far. */
  live?: boolean;
}

/** A saved result with its figures recomputed from its runs (it may predate today's statistics). */
const savedResult = (entry: HistoryEntry): ShownResult => ({
  id: entry.id,
  origin: 'history',
  label: localTime(entry.savedAt),
  result: recomputeResult(entry.result),
});

/** At most this many results side by side. */
const MAX_SHOWN = 3;

export class ResultShelf {
  shown = $state.raw<ShownResult[]>([]);
  history = $state.raw<HistoryEntry[]>([]);
  /** Every file imported in this tab, newest first: kept for the device comparison after its panel closes. */
  imported = $state.raw<ShownResult[]>([]);
  /** Why the last imported file was refused, one line per problem. */
  importErrors = $state.raw<string[]>([]);
  /** Ids of the results picked for the device comparison, in the order picked. */
  picked = $state.raw<string[]>([]);
  /** What the device comparison can pick from: imported files, then saved history, recomputed from runs. */
  candidates = $derived<ShownResult[]>([...this.imported, ...this.history.map(savedResult)]);

  /** Puts a result first on screen (replacing the one with the same id). */
  show(entry: ShownResult): void {
    this.shown = [entry, ...this.shown.filter((s) => s.id !== entry.id)].slice(0, MAX_SHOWN);
  }

  close(id: string): void {
    this.shown = this.shown.filter((s) => s.id !== id);
  }

  async refresh(): Promise<void> {
    try {
      this.history = await listResults();
    } catch {
      this.history = [];
    }
  }

  /** Picks a result for the device comparison, or unpicks it. */
  togglePick(id: string): void {
    this.picked = this.picked.includes(id) ? this.picked.filter((p) => p !== id) : [...this.picked, id];
  }

  async remove(id: string): Promise<void> {
    await deleteResult(id);
    this.close(id);
    this.picked = this.picked.filter((p) => p !== id);
    await this.refresh();
  }

  /** Shows a saved result, recomputed. */
  showSaved(entry: HistoryEntry): void {
    this.show(savedResult(entry));
  }

  async importFile(file: File): Promise<void> {
    const parsed = parseResultFile(await file.text());
    if (!parsed.ok) {
      this.importErrors = [`${file.name} is not a benchmark result this app can read:`, ...parsed.errors];
      return;
    }
    this.importErrors = [];
    const shown: ShownResult = {
      id: `imported:${file.name}:${file.lastModified}`,
      origin: 'imported',
      label: file.name,
      result: parsed.value,
    };
    this.imported = [shown, ...this.imported.filter((s) => s.id !== shown.id)];
    this.show(shown);
  }
}
