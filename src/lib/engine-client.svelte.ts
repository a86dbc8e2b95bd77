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
import { fraction } from './format';

export type Phase = 'idle' | 'loading' | 'ready' | 'generating';
export type Stage = Extract<LoadEvent, { kind: 'stage' }>['stage'];

export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
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

  /** Probes the device in a worker, where models will run. */
  async probe(): Promise<Capabilities> {
    const remote = this.#fresh();
    const caps = await remote.capabilities();
    this.capabilities = caps;
    return caps;
  }

  async load(request: LoadRequest): Promise<Outcome<LoadResult>> {
    const remote = this.#fresh();
    this.phase = 'loading';
    this.stage = null;
    this.files = [];
    this.model = null;
    this.loadError = null;
    const outcome = await remote.load(
      request,
      proxy((event: LoadEvent) => this.#onLoadEvent(event)),
    );
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
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off URL, not state
    this.#worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'engine',
    });
    this.#remote = wrap<EngineApi>(this.#worker);
    return this.#remote;
  }

  #onLoadEvent(event: LoadEvent): void {
    if (event.kind === 'stage') {
      this.stage = event.stage;
      return;
    }
    const existing = this.files.find((f) => f.file === event.file);
    if (!existing) {
      this.files.push({
        file: event.file,
        loaded: Math.max(0, event.loaded),
        total: Math.max(0, event.total),
        done: event.done,
      });
    } else if (event.done) {
      existing.done = true;
      if (existing.total > 0) existing.loaded = existing.total;
    } else {
      existing.loaded = event.loaded;
      existing.total = event.total;
    }
  }
}
