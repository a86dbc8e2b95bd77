import {
  AutoConfig,
  AutoModelForCausalLM,
  AutoTokenizer,
  type DynamicCache,
  InterruptableStoppingCriteria,
  random,
  type TextStreamer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { probeCapabilities } from './capabilities';
import { generationTiming } from './generation-timing';
import { classifyLoadError, deviceLost } from './load-errors';
import { deviceLostReason, DeviceLostError, untilDeviceLost } from './gpu-device';
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
import { KvSession } from './kv-session';
import { freshPrefill } from './test-faults';
import { wasmHeapBytes } from './wasm-heap';
import { configureRuntime } from './runtime-env';
import { yieldBetweenSteps } from './yield-between-steps';
import { CacheReport } from './store/cache-report';
import { ModelStore } from './store/model-store';
import { promptInputs } from './prompt-inputs';
import { checkTemplateCost } from './template-budget';
import { fail, sourceProblem } from './outcomes';
import { fitToContext } from './context-budget';
import { holdLifeLock } from './life-lock';
import { progressReporter } from './load-progress';
import { generationDefaults } from './generation-defaults';
import { decodingOptions, samplingProblem } from './sampling';
import { supportsThinking, thinkingTokenCount } from './thinking';
import { loadPlan } from './load-plan';

/**
 * One model on one backend: check → load (per-file progress) → warm up → ready → generate (stream) → done.
 * A worker holds one Engine and one ONNX Runtime build for its life: another backend means a fresh worker.
 */
export class Engine implements EngineApi {
  #model: PreTrainedModel | null = null;
  #tokenizer: PreTrainedTokenizer | null = null;
  #stopper = new InterruptableStoppingCriteria();
  #busy = false;
  #loading = false;
  /** The ready model's request and context size, to reload it after a failed reply. */
  #request: LoadRequest | null = null;
  #context: number | undefined;
  /** The KV cache of the last reply, so the next turn prefills only its new tokens. */
  #kv = new KvSession();

  capabilities(): Promise<Capabilities> {
    return probeCapabilities();
  }

  async load(request: LoadRequest, onEvent: (event: LoadEvent) => void): Promise<Outcome<LoadResult>> {
    if (this.#busy) return fail('busy', 'A reply is still being written; stop it first.');
    if (this.#loading) return fail('busy', 'A model is already loading; wait for it, or cancel it.');
    this.#loading = true;
    try {
      const first = await this.#loadOnce(request, onEvent);
      // A damaged stored file was removed while loading: one more try downloads it again.
      if (!first.ok && first.corrupt && request.source !== 'imported')
        return await this.#loadOnce(request, onEvent);
      return first;
    } finally {
      this.#loading = false;
    }
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
    // NOTE: the new model is prepared beside the ready one, which stays until the new one is ready.
    let model: PreTrainedModel | null = null;
    try {
      onEvent({ kind: 'stage', stage: 'downloading' });
      // NOTE: config first: a missing repo or file then fails with a clear 404, not deep in the tokenizer.
      const config = await AutoConfig.from_pretrained(request.modelId, { progress_callback: progress });
      const tokenizer = await AutoTokenizer.from_pretrained(request.modelId, { progress_callback: progress });
      checkTemplateCost(tokenizer);
      // NOTE: planned after the template check: a refused model costs no request for its weights, not even
      // a size probe. The bar has no value until the plan comes (the tokenizer's files are small).
      progress.plan(await loadPlan(request, config, store));
      model = yieldBetweenSteps(
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
      const warm = promptInputs(tokenizer, [{ role: 'user', content: 'Hi' }]);
      await untilDeviceLost(model.generate({ ...warm.inputs, max_new_tokens: 1, do_sample: false }));
      const warmupMs = performance.now() - warmStart;
      const context = (config as { max_position_embeddings?: number }).max_position_embeddings;
      const defaults = generationDefaults(model.generation_config);
      const cache = await report.settled();
      await this.dispose();
      [this.#model, this.#tokenizer, this.#request, this.#context] = [model, tokenizer, request, context];
      model = null; // now the engine's: a later failure must not dispose it
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
          contextTokens: context,
          generationDefaults: defaults,
          supportsThinking: supportsThinking(tokenizer.chat_template),
          cache,
        },
      };
    } catch (error) {
      await model?.dispose().catch(() => {});
      // Downloads nobody reads any more are ended (what a resume can use stays); each verdict arrives
      // with its write's end.
      await store.abort();
      const corrupt = report.corrupt.length > 0;
      const problem = report.storeProblem();
      const lost = error instanceof DeviceLostError ? error.reason : await deviceLostReason();
      const classified =
        problem ??
        (lost ? deviceLost(lost, String(error)) : classifyLoadError(error, request.modelId, request.backend));
      // NOTE: a WebGPU failure says nothing about the files: keep them for the WASM retry.
      if (!problem && !['webgpu-failed', 'network', 'device-lost'].includes(classified.code))
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

    const problem = samplingProblem(options.sampling, options.seed);
    if (problem) return fail('bad-settings', problem);

    this.#busy = true;
    this.#stopper.reset();
    try {
      const start = performance.now();
      const context = Math.min(this.#context ?? Infinity, options.contextTokens ?? Infinity);
      const thinking =
        options.enableThinking === undefined ? {} : { enable_thinking: options.enableThinking };
      const fitted = fitToContext(tokenizer, messages, context, options.maxNewTokens, thinking);
      if (!fitted.ok) return fail('too-long', fitted.message, fitted.detail);
      const { inputs, promptTokens } = fitted.prompt;
      const streamer = new ReplyStreamer(tokenizer, onText);
      // NOTE: the sampler draws from transformers.js's one global generator: seeding it here, just before
      // the only generate() this worker runs at a time, makes the draw repeatable.
      if (options.sampling?.do_sample && options.seed !== undefined) random.seed(options.seed);
      const output = await this.#generateWithCache(model, inputs, options, streamer);
      const end = performance.now();
      const newTokens = streamer.tokenIds.length;
      return {
        ok: true,
        value: {
          promptTokens,
          reusedTokens: output.reused,
          wasmHeapBytes: wasmHeapBytes(),
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
          thinkingTokens: thinkingTokenCount(streamer.tokenIds, {
            open: tokenizer.convert_tokens_to_ids('<think>'),
            close: tokenizer.convert_tokens_to_ids('</think>'),
          }),
          ...(fitted.leftOut ? { leftOut: { messages: fitted.leftOut, contextTokens: context } } : {}),
        },
      };
    } catch (error) {
      await this.#kv.drop().catch(() => {});
      const detail = error instanceof Error ? error.message : String(error);
      // NOTE: a lost device cannot run the model again in this worker: the page lets it go.
      const lost = error instanceof DeviceLostError ? error.reason : await deviceLostReason();
      if (lost) return { ok: false, error: deviceLost(lost, detail) };
      return fail('unknown', `Generating the reply failed. ${await this.#recover()}`, detail);
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Runs generate() from the kept KV cache where the prompt starts with the ids it covers, and keeps the
   * cache it ends with. NOTE: a failed run leaves a half-updated cache: it is let go, never kept.
   */
  async #generateWithCache(
    model: PreTrainedModel,
    inputs: { input_ids: Tensor; attention_mask: Tensor },
    options: GenerateOptions,
    streamer: ReplyStreamer,
  ): Promise<{ reused: number }> {
    if (options.fresh || freshPrefill()) await this.#kv.drop();
    const promptIds = Array.from(inputs.input_ids.data as BigInt64Array, Number);
    const { cache, reused } = await this.#kv.take(promptIds);
    try {
      const output = (await untilDeviceLost(
        model.generate({
          ...inputs,
          ...(cache ? { past_key_values: cache } : {}),
          // NOTE: returns the cache alive instead of disposing it.
          return_dict_in_generate: true,
          max_new_tokens: options.maxNewTokens,
          ...(options.ignoreEos ? { min_new_tokens: options.maxNewTokens } : {}),
          ...decodingOptions(options.sampling),
          // NOTE: generate() types its streamer as TextStreamer, but calls only BaseStreamer's put/end.
          streamer: streamer as unknown as TextStreamer,
          stopping_criteria: [this.#stopper],
        }),
      )) as { past_key_values?: DynamicCache };
      const kept = output.past_key_values;
      // NOTE: the last new token was sampled but never fed back, so the cache does not cover it.
      if (kept) await this.#kv.keep(kept, [...promptIds, ...streamer.tokenIds].slice(0, -1));
      return { reused };
    } catch (error) {
      await cache?.dispose().catch(() => {});
      throw error;
    }
  }

  /** After a failed reply ONNX Runtime's state may be damaged: load the same model again (from the store). */
  async #recover(): Promise<string> {
    const request = this.#request;
    if (!request) return '';
    await this.dispose().catch(() => {});
    const again = await this.#loadOnce(request, () => {});
    return again.ok
      ? 'The engine reloaded the model, so the next message can go.'
      : 'The model had to be unloaded: load it again.';
  }

  interrupt(): void {
    this.#stopper.interrupt();
  }

  holdLifeLock(name: string): Promise<void> {
    return holdLifeLock(name);
  }

  async dispose(): Promise<void> {
    const model = this.#model;
    this.#model = null;
    this.#tokenizer = null;
    this.#request = null;
    await this.#kv.drop().catch(() => {});
    await model?.dispose();
  }
}
