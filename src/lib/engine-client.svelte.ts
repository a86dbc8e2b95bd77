import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type {
  Capabilities,
  ChatMessage,
  EngineApi,
  EngineError,
  GenerateOptions,
  GenerateStats,
  LoadEvent,
  LoadRequest,
  LoadResult,
  Outcome,
} from '../../workers/protocol';
import { spawnEngineWorker } from './engine-worker';
import { fraction } from './format';

export type Phase = 'idle' | 'loading' | 'ready' | 'generating';
export type Stage = Extract<LoadEvent, { kind: 'stage' }>['stage'];

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

/**
 * Owns the engine worker and its Comlink proxy; components read its state and never post messages.
 * Every load starts a fresh worker, so a failed or stuck model never poisons the next one.
 */
export class EngineClient {
  phase = $state<Phase>('idle');
  stage = $state<Stage | null>(null);
  files = $state<FileProgress[]>([]);
  model = $state.raw<LoadResult | null>(null);
  loadError = $state.raw<EngineError | null>(null);
  /** Files the model store could not keep during the last load, with the reason. */
  notCached = $state.raw<{ file: string; message: string }[]>([]);
  capabilities = $state.raw<Capabilities | null>(null);

  /** Bytes of all files whose size is known, for the overall bar. */
  overall = $derived.by(() => {
    const known = this.files.filter((f) => f.total > 0);
    const total = known.reduce((sum, f) => sum + f.total, 0);
    const loaded = known.reduce((sum, f) => sum + (f.done ? f.total : f.loaded), 0);
    return { loaded, total, fraction: fraction(loaded, total) };
  });

  #worker: Worker | null = null;
  #remote: Remote<EngineApi> | null = null;
  #crashed: Promise<Outcome<never>> = new Promise(() => {});
  #pristine = false;

  /** Probes the device in a worker, where models will run. */
  async probe(): Promise<Capabilities> {
    const remote = this.#fresh();
    this.#pristine = true;
    const caps = await remote.capabilities();
    this.capabilities = caps;
    return caps;
  }

  async load(request: LoadRequest): Promise<Outcome<LoadResult>> {
    // NOTE: after a good load the same worker serves the next one on the same backend: its code and ONNX
    // Runtime are already in memory, so a model loads from the store even with the network gone.
    // A worker that has only probed the device has no ONNX Runtime build yet, so it suits any backend.
    const reuse = this.#remote && (this.#pristine || this.model?.backend === request.backend);
    this.#pristine = false;
    const remote = reuse ? this.#remote! : this.#fresh();
    this.phase = 'loading';
    this.stage = null;
    this.files = [];
    this.model = null;
    this.loadError = null;
    this.notCached = [];
    const outcome = await Promise.race([
      remote.load(
        request,
        proxy((event: LoadEvent) => this.#onLoadEvent(event)),
      ),
      this.#crashed,
    ]);
    if (outcome.ok) {
      this.model = outcome.value;
      this.phase = 'ready';
    } else {
      this.loadError = outcome.error;
      this.phase = 'idle';
      this.terminate();
    }
    return outcome;
  }

  async generate(
    messages: ChatMessage[],
    options: GenerateOptions,
    onText: (text: string) => void,
  ): Promise<Outcome<GenerateStats>> {
    const remote = this.#remote;
    if (!remote || !this.model) {
      return { ok: false, error: { code: 'not-loaded', message: 'Load a model before chatting.' } };
    }
    this.phase = 'generating';
    try {
      return await remote.generate(messages, options, proxy(onText));
    } finally {
      this.phase = this.model ? 'ready' : 'idle';
    }
  }

  /** Asks the running generation to stop after the current token. */
  interrupt(): void {
    void this.#remote?.interrupt();
  }

  /** The hard reset: the worker and everything in it are gone. */
  terminate(): void {
    this.#remote?.[releaseProxy]();
    this.#worker?.terminate();
    this.#worker = null;
    this.#remote = null;
    if (this.phase !== 'idle') this.phase = 'idle';
    this.model = null;
  }

  #fresh(): Remote<EngineApi> {
    this.terminate();
    const worker = spawnEngineWorker();
    // A worker whose script cannot load (offline, say) never answers: turn that into an error.
    this.#crashed = new Promise((resolve) =>
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        resolve({
          ok: false,
          error: {
            code: 'network',
            message:
              'The engine could not start: its code did not load (is the network down?). Reload the page to try again.',
            detail: event.message,
          },
        });
      }),
    );
    this.#worker = worker;
    this.#remote = wrap<EngineApi>(this.#worker);
    return this.#remote;
  }

  #onLoadEvent(event: LoadEvent): void {
    if (event.kind === 'stage') {
      this.stage = event.stage;
      return;
    }
    if (event.kind === 'not-cached') {
      this.notCached = [...this.notCached, { file: event.file, message: event.message }];
      return;
    }
    let entry = this.files.find((f) => f.file === event.file);
    if (!entry) {
      this.files.push({ file: event.file, loaded: 0, total: 0, done: false });
      entry = this.files[this.files.length - 1]!;
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
}
