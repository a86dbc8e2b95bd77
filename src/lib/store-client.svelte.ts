import { proxy, wrap, type Remote } from 'comlink';
import type { ModelFile, StoreApi, StoredModel } from '../../workers/protocol';
import { spawnStoreWorker } from './store-worker';

/** What `navigator.storage.estimate()` says: rounded by browsers, so shown as approximate. */
export interface StorageEstimate {
  usage: number;
  quota: number;
}

/**
 * The Models view's state: cached models, the origin's storage, and the actions on them. Owns a small
 * worker of its own (IndexedDB work stays off the main thread); `persist()` must run in the window.
 */
export class StoreClient {
  models = $state.raw<StoredModel[]>([]);
  estimate = $state.raw<StorageEstimate | null>(null);
  persisted = $state<boolean | null>(null);
  busy = $state<string | null>(null);
  message = $state<{ text: string; error: boolean } | null>(null);
  importProgress = $state<{ done: number; total: number } | null>(null);

  #remote: Remote<StoreApi>;

  constructor() {
    const worker = spawnStoreWorker();
    this.#remote = wrap<StoreApi>(worker);
  }

  /** Start-up: remove leftovers of writes that died, then list what is stored. */
  async start(): Promise<void> {
    await this.#remote.removeOrphans();
    this.persisted = (await navigator.storage?.persisted?.()) ?? null;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    this.models = await this.#remote.list();
    const e = await navigator.storage?.estimate?.();
    this.estimate = e ? { usage: e.usage ?? 0, quota: e.quota ?? 0 } : null;
  }

  async verify({ scope, modelId }: StoredModel): Promise<void> {
    await this.#run(`Verifying ${modelId}…`, async () => {
      const results = await this.#remote.verify(scope);
      const bad = results.filter((r) => !r.ok);
      this.message = bad.length
        ? {
            text: `${bad.map((r) => `${r.file}: ${r.problem}`).join('; ')}. Damaged files were removed; loading the model downloads them again.`,
            error: true,
          }
        : { text: `${modelId}: all ${results.length} files are intact.`, error: false };
    });
  }

  async remove({ scope, modelId }: StoredModel): Promise<void> {
    await this.#run(`Deleting ${modelId}…`, async () => {
      await this.#remote.remove(scope);
      this.message = { text: `Deleted ${modelId}.`, error: false };
    });
  }

  /** Drops a model's unfinished downloads (its complete files stay). */
  async discardPartials({ scope, modelId }: StoredModel): Promise<void> {
    await this.#run(`Discarding the unfinished download of ${modelId}…`, async () => {
      await this.#remote.discardPartials(scope);
      this.message = { text: `Discarded the unfinished download of ${modelId}.`, error: false };
    });
  }

  async removeAll(): Promise<void> {
    await this.#run('Deleting every model…', async () => {
      await this.#remote.removeAll();
      this.message = { text: 'Deleted every stored model.', error: false };
    });
  }

  /** Imports a folder laid out like a hub repo; resolves to the new model id, or null when refused. */
  async importFolder(name: string, files: ModelFile[]): Promise<string | null> {
    let modelId: string | null = null;
    await this.#run(`Importing ${name}…`, async () => {
      this.importProgress = { done: 0, total: files.reduce((n, f) => n + f.blob.size, 0) };
      const outcome = await this.#remote.importModel(
        name,
        files,
        proxy((done: number, total: number) => (this.importProgress = { done, total })),
      );
      this.importProgress = null;
      if (outcome.ok) {
        modelId = outcome.value.modelId;
        this.message = {
          text: `Imported as ${modelId}. Pick it in the model list to load it.`,
          error: false,
        };
      } else {
        this.message = { text: outcome.error.message, error: true };
      }
    });
    return modelId;
  }

  exportFiles(model: StoredModel): Promise<ModelFile[]> {
    return this.#remote.exportModel(model.scope);
  }

  /** Asks the browser not to evict the store under storage pressure; says what the answer means. */
  async persist(): Promise<void> {
    const granted = (await navigator.storage?.persist?.()) ?? false;
    this.persisted = granted;
    this.message = granted
      ? {
          text: 'Storage is now persistent: the browser will not clear these models to free space (you still can).',
          error: false,
        }
      : {
          text: 'The browser declined persistent storage (it decides by site engagement or bookmarks). Models stay cached but may be cleared when the disk runs low.',
          error: false,
        };
  }

  async #run(label: string, action: () => Promise<void>): Promise<void> {
    this.busy = label;
    this.message = null;
    try {
      await action();
    } catch (error) {
      this.message = { text: error instanceof Error ? error.message : String(error), error: true };
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }
}
