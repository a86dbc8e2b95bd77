import {
  AutoConfig,
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  type TextStreamer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
} from '@huggingface/transformers';
import { probeCapabilities } from './capabilities';
import { generationTiming } from './generation-timing';
import { classifyLoadError } from './load-errors';
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
} from './protocol';
import { ReplyStreamer } from './reply-streamer';
import { configureRuntime } from './runtime-env';
import { yieldBetweenSteps } from './yield-between-steps';
import { CacheReport } from './store/cache-report';
import { ModelStore } from './store/model-store';
import { promptInputs } from './prompt-inputs';
import { parseMirror } from './sources';

/** Why a hub load must not start: a mirror that is not a web address or not allowed in this build. */
function sourceProblem(hubUrl: string | undefined): string | null {
  if (hubUrl === undefined) return null;
  const mirror = parseMirror(hubUrl);
  return mirror && 'problem' in mirror ? mirror.problem : null;
}

const fail = (
  code: Exclude<Outcome<never>, { ok: true }>['error']['code'],
  message: string,
  detail?: string,
) => ({ ok: false, error: { code, message, detail } }) as const;

/**
 * One model on one backend: check → load (per-file progress) → warm up → ready → generate (stream) → done.
 * A worker holds one Engine and one ONNX Runtime build for its life: another backend means a fresh worker.
 */
export class Engine implements EngineApi {
  #model: PreTrainedModel | null = null;
  #tokenizer: PreTrainedTokenizer | null = null;
  #stopper = new InterruptableStoppingCriteria();
  #busy = false;

  capabilities(): Promise<Capabilities> {
    return probeCapabilities();
  }

  async load(request: LoadRequest, onEvent: (event: LoadEvent) => void): Promise<Outcome<LoadResult>> {
    if (this.#busy) return fail('busy', 'A reply is still being written; stop it first.');
    // The worker is reused for the next model on the same backend: let go of the current one first.
    await this.dispose();
    const first = await this.#loadOnce(request, onEvent);
    // A damaged stored file was removed while loading: one more try downloads it again.
    if (!first.ok && first.corrupt && request.source !== 'imported') return this.#loadOnce(request, onEvent);
    return first;
  }

  async #loadOnce(
    request: LoadRequest,
    onEvent: (event: LoadEvent) => void,
  ): Promise<Outcome<LoadResult> & { corrupt?: boolean }> {
    const start = performance.now();
    const source = request.source === 'hub' ? sourceProblem(request.hubUrl) : null;
    if (source) return fail('untrusted-source', source);
    const store = new ModelStore({ origin: request.source === 'hub' ? 'hub' : 'local' });
    const report = new CacheReport(store, onEvent);
    const runtime = configureRuntime(request, store);
    let lastFileDone = start;
    const progress = progressReporter((event) => {
      if (event.kind === 'file' && event.done) lastFileDone = performance.now();
      onEvent(event);
    });
    try {
      onEvent({ kind: 'stage', stage: 'downloading' });
      // NOTE: config first: a missing repo or file then fails with a clear 404, not deep in the tokenizer.
      const config = await AutoConfig.from_pretrained(request.modelId, { progress_callback: progress });
      this.#tokenizer = await AutoTokenizer.from_pretrained(request.modelId, { progress_callback: progress });
      this.#model = yieldBetweenSteps(
        await AutoModelForCausalLM.from_pretrained(request.modelId, {
          config,
          device: request.backend,
          dtype: request.dtype,
          progress_callback: progress,
        }),
      );
      const loadMs = performance.now() - start;
      const fetchMs = lastFileDone - start;
      // NOTE: one generated token compiles WebGPU shaders and sizes WASM buffers before "ready".
      onEvent({ kind: 'stage', stage: 'warming-up' });
      const warmStart = performance.now();
      const warm = promptInputs(this.#tokenizer, [{ role: 'user', content: 'Hi' }]);
      await this.#model.generate({ ...warm.inputs, max_new_tokens: 1, do_sample: false });
      const warmupMs = performance.now() - warmStart;
      onEvent({ kind: 'stage', stage: 'ready' });
      await report.recordAbsent();
      return {
        ok: true,
        value: {
          modelId: request.modelId,
          backend: request.backend,
          dtype: request.dtype,
          ortBuild: runtime.ortBuild,
          wasmThreads: runtime.wasmThreads,
          loadMs,
          fetchMs,
          sessionMs: loadMs - fetchMs,
          warmupMs,
          hasChatTemplate: warm.templated,
          cache: await report.settled(),
        },
      };
    } catch (error) {
      await this.dispose();
      // Downloads nobody reads any more are ended (what a resume can use stays); each verdict arrives
      // with its write's end.
      await store.abort();
      const corrupt = report.corrupt.length > 0;
      const problem = report.storeProblem();
      const classified = problem ?? classifyLoadError(error, request.modelId, request.backend);
      // NOTE: a WebGPU failure says nothing about the files: keep them for the WASM retry.
      if (!problem && classified.code !== 'webgpu-failed' && classified.code !== 'network')
        await report.forgetDownloads();
      return {
        ok: false,
        corrupt,
        error: classified,
      };
    }
  }

  async generate(
    messages: ChatMessage[],
    options: GenerateOptions,
    onText: (text: string) => void,
  ): Promise<Outcome<GenerateStats>> {
    const model = this.#model;
    const tokenizer = this.#tokenizer;
    if (!model || !tokenizer) return fail('not-loaded', 'Load a model before chatting.');
    if (this.#busy) return fail('busy', 'A reply is still being written; stop it first.');
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'user' || !last.content.trim())
      return fail('empty-prompt', 'Type a message first.');

    this.#busy = true;
    this.#stopper.reset();
    try {
      const start = performance.now();
      const { inputs, promptTokens } = promptInputs(tokenizer, messages);
      const streamer = new ReplyStreamer(tokenizer, onText);
      await model.generate({
        ...inputs,
        max_new_tokens: options.maxNewTokens,
        ...(options.ignoreEos ? { min_new_tokens: options.maxNewTokens } : {}),
        do_sample: false,
        // NOTE: generate() types its streamer as TextStreamer, but calls only BaseStreamer's put/end.
        streamer: streamer as unknown as TextStreamer,
        stopping_criteria: [this.#stopper],
      });
      const end = performance.now();
      const newTokens = streamer.tokenIds.length;
      return {
        ok: true,
        value: {
          promptTokens,
          newTokens,
          ...generationTiming(start, streamer.tokenTimes, end),
          stoppedBy: this.#stopper.interrupted
            ? 'interrupt'
            : newTokens >= options.maxNewTokens
              ? 'max-tokens'
              : 'eos',
          tokenIds: streamer.tokenIds,
          tokenTimesMs: streamer.tokenTimes.map((t) => t - start),
          text: streamer.text,
        },
      };
    } catch (error) {
      return fail(
        'unknown',
        'Generating the reply failed.',
        error instanceof Error ? error.message : String(error),
      );
    } finally {
      this.#busy = false;
    }
  }

  interrupt(): void {
    this.#stopper.interrupt();
  }

  async dispose(): Promise<void> {
    const model = this.#model;
    this.#model = null;
    this.#tokenizer = null;
    await model?.dispose();
  }
}

/** Forwards transformers.js file progress as per-file events, at most every 100 ms per file. */
function progressReporter(onEvent: (event: LoadEvent) => void) {
  const lastSent = new Map<string, number>();
  return (info: ProgressInfo) => {
    if (info.status === 'progress') {
      const now = performance.now();
      if (now - (lastSent.get(info.file) ?? -Infinity) < 100 && info.loaded < info.total) return;
      lastSent.set(info.file, now);
      onEvent({ kind: 'file', file: info.file, loaded: info.loaded, total: info.total, done: false });
    } else if (info.status === 'done') {
      onEvent({ kind: 'file', file: info.file, loaded: -1, total: -1, done: true });
    }
  };
}
