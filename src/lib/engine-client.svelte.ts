import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type {
  Backend,
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
  PlannedFile,
} from '../../workers/protocol';
import { asChatWork, BENCH_RUNNING } from './device-owner';
import { watchEngine } from './engine-life';
import { spawnEngineWorker } from './engine-worker';
import { FrameBatcher } from './frame-batcher';
import { applyFileEvent, applyPlan, overallProgress, type FileProgress } from './file-progress';

export type { FileProgress };

export type Phase = 'idle' | 'loading' | 'ready' | 'generating';
export type Stage = Extract<LoadEvent, { kind: 'stage' }>['stage'];

/** One engine worker, its Comlink proxy, and the promise that says when it is gone. */
interface Slot {
  worker: Worker;
  remote: Remote<EngineApi>;
  gone: Promise<EngineError>;
  /** Terminated on purpose (or already reported): its death is news to no one. */
  ended: boolean;
}

/** The engine stopped by itself: what to say, and the load that Restart repeats. */
export type Stopped = EngineError & { request: LoadRequest | null };

const failed = (code: EngineError['code'], message: string): Outcome<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Owns the engine workers and their Comlink proxies; components read its state and never post messages.
 * Every load gets a fresh worker beside the ready one, which is let go only once the new model is ready: a
 * failed, cancelled or crashed load leaves the ready model as it was.
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
  /** Set when an engine worker ended by itself (during a load, a reply, or idle). */
  stopped = $state.raw<Stopped | null>(null);

  /** Every file the load will read, once the worker knows (see workers/load-plan.ts). */
  plan = $state.raw<PlannedFile[] | null>(null);
  /** When each stage of the current or last load began (performance.now()), for the time each took. */
  stageStarts = $state.raw<Partial<Record<Stage, number>>>({});
  /** The overall bar: planned files only, so it never goes backwards. */
  overall = $derived(overallProgress(this.plan, this.files));

  /** The worker with the ready model, or one that has only probed the device (`#pristine`). */
  #current: Slot | null = null;
  #pristine = false;
  #loading: Slot | null = null;
  #readyRequest: LoadRequest | null = null;
  #cancel: () => void = () => {};

  /** Probes the device in a worker, where models will run. */
  async probe(): Promise<Capabilities> {
    if (!this.#current) {
      this.#current = this.#spawn();
      this.#pristine = true;
    }
    const caps = await this.#current.remote.capabilities();
    this.capabilities = caps;
    return caps;
  }

  async load(request: LoadRequest): Promise<Outcome<LoadResult>> {
    if (this.phase === 'loading') return failed('busy', 'A model is already loading; wait, or cancel it.');
    if (this.phase === 'generating') return failed('busy', 'Wait for the reply, or stop it.');
    // NOTE: a worker that has only probed the device has no ONNX Runtime build yet, so it suits any backend.
    const slot = this.#pristine && this.#current ? this.#current : this.#spawn();
    this.#pristine = false;
    this.#loading = slot;
    this.phase = 'loading';
    this.stage = null;
    this.files = [];
    this.plan = null;
    this.stageStarts = {};
    this.loadError = null;
    this.notCached = [];
    this.stopped = null;
    const cancelled = new Promise<Outcome<never>>((resolve) => {
      this.#cancel = () => resolve(failed('cancelled', 'Loading was cancelled.'));
    });
    const outcome = await Promise.race([
      asChatWork(
        () =>
          Promise.race([
            slot.remote.load(
              request,
              proxy((event: LoadEvent) => this.#onLoadEvent(event)),
            ),
            slot.gone.then((error): Outcome<never> => ({ ok: false, error })),
          ]),
        () => failed('busy', BENCH_RUNNING),
      ),
      cancelled,
    ]);
    this.#loading = null;
    if (outcome.ok) {
      if (this.#current && this.#current !== slot) this.#end(this.#current);
      this.#current = slot;
      this.#readyRequest = request;
      this.model = outcome.value;
    } else {
      this.#end(slot);
      if (this.#current === slot) this.#current = null;
      if (outcome.error.code === 'engine-stopped' || outcome.error.code === 'device-lost')
        this.stopped = { ...outcome.error, request };
      else this.loadError = outcome.error;
    }
    this.phase = this.model ? 'ready' : 'idle';
    return outcome;
  }

  /** A new action: the messages about the last one go. */
  clearMessages(): void {
    this.loadError = null;
    this.stopped = null;
  }

  /** The hard cancel: the loading worker is terminated; a model that was ready stays ready. */
  cancelLoad(): void {
    this.#cancel();
  }

  /** Loads again the model whose engine stopped (from the model store: no download), on `backend` if given. */
  restart(backend?: Backend): Promise<Outcome<LoadResult>> {
    const request = this.stopped?.request;
    if (!request) return Promise.resolve(failed('not-loaded', 'Pick a model and press Load.'));
    return this.load(backend ? { ...request, backend } : request);
  }

  /** Streams the reply: `onText` gets the whole text so far, at most once per animation frame. */
  async generate(
    messages: ChatMessage[],
    options: GenerateOptions,
    onText: (text: string) => void,
  ): Promise<Outcome<GenerateStats>> {
    const slot = this.#current;
    if (!slot || !this.model || this.#pristine) return failed('not-loaded', 'Load a model before chatting.');
    this.phase = 'generating';
    const batcher = new FrameBatcher(onText);
    try {
      const outcome = await asChatWork(
        () =>
          Promise.race([
            slot.remote.generate(
              messages,
              options,
              proxy((delta: string) => batcher.add(delta)),
            ),
            slot.gone.then((error): Outcome<never> => ({ ok: false, error })),
          ]),
        () => failed('busy', BENCH_RUNNING),
      );
      // NOTE: a lost GPU device leaves ONNX Runtime in this worker unusable: let it go, offer the way on.
      if (!outcome.ok && outcome.error.code === 'device-lost') this.#onGone(slot, outcome.error);
      return outcome;
    } finally {
      batcher.close();
      this.phase = this.model ? 'ready' : 'idle';
    }
  }

  /** Asks the running generation to stop after the current token. */
  interrupt(): void {
    if (this.#current) void this.#current.remote.interrupt();
  }

  /** The hard reset: every worker and everything in them are gone. */
  terminate(): void {
    this.#cancel();
    for (const slot of [this.#current, this.#loading]) if (slot) this.#end(slot);
    this.#current = null;
    this.model = null;
    if (this.phase !== 'idle') this.phase = 'idle';
  }

  #spawn(): Slot {
    const worker = spawnEngineWorker();
    const remote = wrap<EngineApi>(worker);
    const slot: Slot = { worker, remote, ended: false, gone: Promise.resolve({} as EngineError) };
    const busy = () => slot === this.#loading || (slot === this.#current && this.phase === 'generating');
    slot.gone = watchEngine(worker, remote, busy);
    void slot.gone.then((error) => this.#onGone(slot, error));
    return slot;
  }

  #end(slot: Slot): void {
    slot.ended = true;
    slot.remote[releaseProxy]();
    slot.worker.terminate();
  }

  /** The ready model's worker ended by itself (or lost its GPU device): say so, and keep what Restart needs. */
  #onGone(slot: Slot, error: EngineError): void {
    // A loading worker is reported by load(); a probing one only needs replacing.
    if (slot.ended || slot !== this.#current || slot === this.#loading) return;
    this.#end(slot);
    this.#current = null;
    if (this.#pristine) return;
    this.model = null;
    this.phase = 'idle';
    this.stopped = { ...error, request: this.#readyRequest };
  }

  #onLoadEvent(event: LoadEvent): void {
    if (event.kind === 'stage') {
      this.stage = event.stage;
      this.stageStarts = { ...this.stageStarts, [event.stage]: performance.now() };
      return;
    }
    if (event.kind === 'plan') {
      this.plan = event.files;
      applyPlan(this.files, event.files);
      return;
    }
    if (event.kind === 'not-cached') {
      this.notCached = [...this.notCached, { file: event.file, message: event.message }];
      return;
    }
    applyFileEvent(this.files, event);
  }
}
