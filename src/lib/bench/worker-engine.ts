// One benchmark configuration's engine: its own worker and Comlink proxy, terminated on dispose.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type {
  Capabilities,
  ChatMessage,
  EngineApi,
  GenerateOptions,
  GenerateStats,
  LoadEvent,
  LoadRequest,
  LoadResult,
  Outcome,
} from '../../../workers/protocol';
import type { BenchConfig } from '../../../workers/bench/plan';
import { watchEngine } from '../engine-life';
import { spawnEngineWorker } from '../engine-worker';
import type { BenchEngine } from './runner';

/** An engine in a worker of its own; a call rejects if the worker dies (engine errors are outcomes). */
export class WorkerEngine implements BenchEngine {
  readonly #request: LoadRequest;
  readonly #worker: Worker;
  readonly #remote: Remote<EngineApi>;
  readonly #died: Promise<never>;

  constructor(request: LoadRequest) {
    this.#request = request;
    this.#worker = spawnEngineWorker(`bench ${request.backend} ${request.dtype}`);
    this.#remote = wrap<EngineApi>(this.#worker);
    // NOTE: every call from the runner is work in progress, so any error the worker did not handle ends it.
    this.#died = watchEngine(this.#worker, this.#remote, () => true).then((error) => {
      throw new Error(error.detail ? `${error.message} (${error.detail})` : error.message);
    });
    this.#died.catch(() => {});
  }

  load(onEvent: (event: LoadEvent) => void): Promise<Outcome<LoadResult>> {
    return Promise.race([this.#remote.load(this.#request, proxy(onEvent)), this.#died]);
  }

  generate(messages: ChatMessage[], options: GenerateOptions): Promise<Outcome<GenerateStats>> {
    return Promise.race([
      this.#remote.generate(
        messages,
        options,
        proxy(() => {}),
      ),
      this.#died,
    ]);
  }

  interrupt(): void {
    void this.#remote.interrupt();
  }

  dispose(): void {
    this.#remote[releaseProxy]();
    this.#worker.terminate();
  }
}

/**
 * The engine for a configuration, with the app's own URL for bundled models and runtime files, and the
 * accepted hub mirror (if any) for hub models, so the view loads them from where the chat does.
 */
export function engineFor(config: BenchConfig, hubUrl?: string): WorkerEngine {
  const { modelId, source, backend, dtype } = config;
  const appUrl = new URL('.', document.baseURI).href;
  return new WorkerEngine({
    modelId,
    source,
    backend,
    dtype,
    appUrl,
    ...(source === 'hub' && hubUrl ? { hubUrl } : {}),
  });
}

/** What the device can do, probed in a short-lived worker of its own (the chat's engine is left alone). */
export async function probeCapabilities(): Promise<Capabilities> {
  const worker = spawnEngineWorker('bench probe');
  const remote = wrap<EngineApi>(worker);
  try {
    return await remote.capabilities();
  } finally {
    remote[releaseProxy]();
    worker.terminate();
  }
}
