// The one contract between the UI (src/) and the engine worker. Types only: src/ imports nothing else from
// workers/, so the ML stack never ends up in the main bundle.

/** A backend that actually runs a model. */
export type Backend = 'webgpu' | 'wasm';
/** What the user picks: a backend, or Auto (WebGPU when an adapter exists, else WASM). */
export type BackendChoice = Backend | 'auto';
/** Weight precisions, spelled as transformers.js spells its `dtype` option. */
export type Dtype = 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16';
/** Where model files come from: the app's own folder (bundled), the Hugging Face hub, or a folder imported from disk. */
export type ModelSource = 'bundled' | 'hub' | 'imported';

/** What the device can do, probed inside the worker (where the model will run). */
export interface Capabilities {
  webgpu: WebGpuInfo;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** Threads ONNX Runtime's WASM backend will use in this worker. */
  wasmThreads: number;
  userAgent: string;
  versions: { transformers: string; onnxruntime: string };
}

export interface WebGpuInfo {
  available: boolean;
  /** Why there is no adapter, when there is none. */
  reason?: string;
  adapter?: { vendor: string; architecture: string; device: string; description: string };
  features: string[];
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  shaderF16: boolean;
}

export interface LoadRequest {
  modelId: string;
  /** Absolute URL of the app's root: bundled models and the ONNX Runtime files are found below it. */
  appUrl: string;
  source: ModelSource;
  backend: Backend;
  dtype: Dtype;
  /** A Hugging Face mirror to download hub models from (same URL layout); the hub itself when absent. */
  hubUrl?: string;
  /** Where files are cached: the model store (default), or transformers.js's own Cache API (for comparison). */
  cache?: 'store' | 'browser-cache';
}

/** One file a load will read, and its size in bytes where the store, the hub's listing or a probe said. */
export interface PlannedFile {
  file: string;
  size: number | null;
}

/** Progress while loading: per-file bytes, then the stages after the download. */
export type LoadEvent =
  | { kind: 'file'; file: string; loaded: number; total: number; done: boolean }
  /** Where a file came from, and whether the model store kept it. */
  | { kind: 'source'; file: string; source: 'network' | 'cache'; resumedFrom?: number }
  | { kind: 'not-cached'; file: string; message: string }
  /** Every file the load will read, known before the weights: `size` null where no source said it. */
  | { kind: 'plan'; files: PlannedFile[] }
  | { kind: 'stage'; stage: 'downloading' | 'creating-session' | 'warming-up' | 'ready' };

export interface LoadResult {
  modelId: string;
  /** The backend that actually ran the warm-up. */
  backend: Backend;
  dtype: Dtype;
  ortBuild: 'asyncify' | 'plain';
  wasmThreads: number;
  /** From the start of the load until the model is ready to warm up: fetchMs + sessionMs. */
  loadMs: number;
  /** Until the last file was read (network or store). */
  fetchMs: number;
  /** After the files: creating the ONNX Runtime session. */
  sessionMs: number;
  warmupMs: number;
  /** Models without a chat template get the conversation as plain text. */
  hasChatTemplate: boolean;
  /** Tokens the model can attend to (its config's `max_position_embeddings`), when the config says. */
  contextTokens?: number;
  /** The model's own decoding settings (its generation_config.json), library defaults where it says nothing. */
  generationDefaults: SamplingOptions;
  /** The chat template reads `enable_thinking` (Qwen3 style): thinking can be switched on and off. */
  supportsThinking: boolean;
  /** Files read from the model store, files downloaded, and files the store could not keep. */
  cache: { fromCache: string[]; downloaded: string[]; notCached: { file: string; message: string }[] };
}

export type ErrorCode =
  | 'bad-model-id'
  | 'not-found'
  | 'bad-config'
  | 'unsupported-model'
  | 'network'
  | 'webgpu-failed'
  | 'empty-prompt'
  | 'not-loaded'
  | 'busy'
  | 'storage-full'
  | 'untrusted-source'
  /** The engine worker ended (a crash, out of memory, the browser closed it): restart it. */
  | 'engine-stopped'
  /** The prompt does not fit the model's context, even with earlier turns left out. */
  | 'too-long'
  /** The GPU device was lost (a driver reset, the GPU process ended): the model must be loaded again. */
  | 'device-lost'
  /** The person cancelled a load. */
  | 'cancelled'
  /** Generation settings out of range. */
  | 'bad-settings'
  | 'unknown';

/** An error the UI can show as it is: a sentence for people, and a code for logic. */
export interface EngineError {
  code: ErrorCode;
  message: string;
  /** The library's own words, for a "details" disclosure. */
  detail?: string;
}

/** Every engine call that can fail returns this instead of throwing across the worker boundary. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  maxNewTokens: number;
  /** Benchmarks decode a fixed number of tokens: EOS does not stop them. */
  ignoreEos?: boolean;
  /** A context smaller than the model's, set by the person; prompt + reply must fit it. */
  contextTokens?: number;
  /** Decoding as the person set it; absent: greedy, as the benchmark runs. */
  sampling?: SamplingOptions;
  /** Seeds the sampler, so a sampled reply can be reproduced; absent: a different draw each time. */
  seed?: number;
  /** For templates that read `enable_thinking`; absent: the template's own default. */
  enableThinking?: boolean;
  /**
   * Prefill the whole prompt: the KV cache kept from the last reply is let go first. Without it the
   * engine reuses the cache for the start the new prompt shares with the last one (fp32 greedy tokens are
   * the same either way; q8's per-call activation scales can differ); benchmarks set it so every run
   * measures a full prefill.
   */
  fresh?: boolean;
}

/** Decoding settings, spelled as transformers.js spells its generate() options. */
export interface SamplingOptions {
  /** false: greedy (always the most likely token); the other settings but repetition_penalty then do nothing. */
  do_sample: boolean;
  temperature: number;
  top_p: number;
  /** 0: no top-k cut. */
  top_k: number;
  repetition_penalty: number;
}

export interface GenerateStats {
  promptTokens: number;
  /** Prompt tokens taken from the KV cache kept from the last reply instead of prefilled again. */
  reusedTokens?: number;
  /** Size of ONNX Runtime's WebAssembly memory after the reply, where the worker could see it. */
  wasmHeapBytes?: number;
  newTokens: number;
  /** From the call to the first new token. */
  ttftMs: number;
  /** (n − 1) / (t_last − t_first); null with fewer than two tokens. */
  decodeTokensPerSecond: number | null;
  totalMs: number;
  stoppedBy: 'eos' | 'max-tokens' | 'interrupt';
  /** Greedy token ids of the reply, for comparing backends. */
  tokenIds: number[];
  /** When each new token arrived, in ms from the call's start (for time-per-token percentiles). */
  tokenTimesMs: number[];
  text: string;
  /** Reply tokens up to and including `</think>` (all of them while it is unclosed); absent for other models. */
  thinkingTokens?: number;
  /** Earlier messages left out so the prompt and the reply fit the context. */
  leftOut?: { messages: number; contextTokens: number };
}

/** The engine worker's API, as the UI sees it through Comlink. */
export interface EngineApi {
  capabilities(): Promise<Capabilities>;
  load(request: LoadRequest, onEvent: (event: LoadEvent) => void): Promise<Outcome<LoadResult>>;
  /** `onText` receives the text the reply adds (deltas, at most one a display frame), not the whole text. */
  generate(
    messages: ChatMessage[],
    options: GenerateOptions,
    onText: (delta: string) => void,
  ): Promise<Outcome<GenerateStats>>;
  /** Cooperative stop: the running generate() returns after the current token. */
  interrupt(): void;
  dispose(): Promise<void>;
  /** Holds the Web Lock `name` until the worker ends; resolves once it is held (see workers/life-lock.ts). */
  holdLifeLock(name: string): Promise<void>;
}

/** One cached model as the Models view lists it. */
export interface StoredModel {
  /** The store's name for this model from this source: what verify, delete and export take. */
  scope: string;
  modelId: string;
  /** Where its files came from, in words: a host, "this app", or the imported folder. */
  from: string;
  origin: 'hub' | 'local';
  source: ModelSource;
  /** `matchesHub`: the whole file was hashed as it downloaded and matched the hub's published hash. */
  files: { file: string; size: number; storedAt: number; lastUsed: number; matchesHub: boolean }[];
  /** Bytes on disk (the stored files' sizes). */
  size: number;
  dtypes: string[];
  lastUsed: number;
  /** Unfinished downloads: `resumable` when the host gave a validator to check a resume against. */
  partials: { file: string; bytes: number; total: number | null; resumable: boolean; dtype: string | null }[];
  /** Bytes of unfinished downloads. */
  partialBytes: number;
}

/** A file of a model folder, with its path inside the folder (`onnx/model.onnx`). */
export interface ModelFile {
  path: string;
  blob: Blob;
}

/** The model store's API for the Models view (a small worker of its own; IndexedDB is shared). */
export interface StoreApi {
  list(): Promise<StoredModel[]>;
  verify(scope: string): Promise<{ file: string; ok: boolean; problem?: string }[]>;
  remove(scope: string): Promise<void>;
  discardPartials(scope: string): Promise<void>;
  removeAll(): Promise<void>;
  removeOrphans(): Promise<{ chunks: number; partials: number }>;
  importModel(
    name: string,
    files: ModelFile[],
    onProgress: (done: number, total: number) => void,
  ): Promise<Outcome<{ modelId: string }>>;
  exportModel(scope: string): Promise<ModelFile[]>;
}
