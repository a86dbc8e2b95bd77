import type { LoadEvent, LoadResult, EngineError } from '../protocol';
import type { ModelStore } from './model-store';

/**
 * Listens to the model store during one load: tells the progress list where each file came from, and
 * sums up what was cached and what could not be (with the reason in words).
 */
export class CacheReport {
  readonly fromCache: string[] = [];
  readonly downloaded: string[] = [];
  readonly notCached: { file: string; message: string }[] = [];
  readonly corrupt: string[] = [];
  #cutOff: { file: string; message: string; resumable: boolean }[] = [];
  #badResponse: string[] = [];
  #downloadedKeys: string[] = [];
  #missingKeys: string[] = [];

  constructor(
    private readonly store: ModelStore,
    onEvent: (event: LoadEvent) => void,
  ) {
    store.onEvent = (event) => {
      const file = event.ref.file;
      if (event.type === 'hit') {
        // A file this load just downloaded and stored, read again by the library: not "from the store".
        if (this.downloaded.includes(file) || this.fromCache.includes(file)) return;
        this.fromCache.push(file);
        onEvent({ kind: 'source', file, source: 'cache' });
      } else if (event.type === 'download') {
        this.downloaded.push(file);
        this.#downloadedKeys.push(event.ref.key);
        onEvent({ kind: 'source', file, source: 'network', resumedFrom: event.resumedFrom || undefined });
      } else if (event.type === 'corrupt') {
        this.corrupt.push(file);
      } else if (event.type === 'missing') {
        this.#missingKeys.push(event.ref.key);
      } else if (event.type === 'restarted') {
        onEvent({ kind: 'source', file, source: 'network' });
      } else if (event.type === 'not-stored') {
        if (event.reason === 'cut-off' && !event.abandoned)
          this.#cutOff.push({ file, message: event.message, resumable: event.resumable === true });
        if (event.reason === 'bad-response') this.#badResponse.push(event.message);
        const message = event.reason === 'full' ? fullMessage(file) : event.message;
        this.notCached.push({ file, message });
        onEvent({ kind: 'not-cached', file, message });
      }
    };
  }

  /** The summary for LoadResult, once every write the load started has finished. */
  async settled(): Promise<LoadResult['cache']> {
    await this.store.idle();
    return { fromCache: this.fromCache, downloaded: this.downloaded, notCached: this.notCached };
  }

  /**
   * After a failed load: files downloaded by it are suspect (an error page with status 200, a config the
   * library rejects), so they are removed rather than served from the store next time. A download that
   * was only cut off keeps its complete chunks for a resume.
   */
  async forgetDownloads(): Promise<void> {
    await this.store.idle();
    for (const key of this.#downloadedKeys) await this.store.remove(key);
  }

  /**
   * After a successful load: files the server did not have (optional ones, such as a missing
   * generation_config.json) are recorded, so the next load asks for them no more, even offline.
   */
  async recordAbsent(): Promise<void> {
    for (const key of new Set(this.#missingKeys)) await this.store.recordAbsent(key);
  }

  /** A load that failed because of the store or the download, said plainly; null for other failures. */
  storeProblem(): EngineError | null {
    const file = this.corrupt[0];
    if (file) {
      return {
        code: 'not-found',
        message: `The stored copy of ${file} was damaged and has been removed. Load again to download it.`,
      };
    }
    const bad = this.#badResponse[0];
    if (bad)
      return { code: 'network', message: `The model host did not serve a file (${bad}). Try again later.` };
    const cut = this.#cutOff[0];
    if (cut) {
      const stalled = /stalled/.test(cut.message);
      const what = stalled
        ? cut.message.replace(/ Check the connection.*$/, '')
        : `The download of ${cut.file} was cut off.`;
      const next = cut.resumable
        ? 'What arrived is kept: load again to resume.'
        : 'Load again to download it from the start (nothing that arrived could be kept for a resume).';
      return { code: 'network', message: `${what} ${next}` };
    }
    return null;
  }
}

const fullMessage = (file: string) =>
  `Not cached: there is not enough storage for ${file}. The model runs from memory for this visit; free space in the Models view to keep it.`;
