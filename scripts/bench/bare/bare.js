// The bare page: transformers.js's own bundle and nothing of the app. `npm run bench -- --baseline`
// calls `window.bare.load` once and `window.bare.run` per counted run, through page.evaluate.
import { AutoModelForCausalLM, AutoTokenizer, BaseStreamer, env } from './transformers.js';

/** Records when each new token arrives; generate() first puts the prompt, which is skipped. */
class Clock extends BaseStreamer {
  times = [];
  ids = [];
  #prompt = true;
  put(value) {
    if (this.#prompt) return void (this.#prompt = false);
    this.times.push(performance.now());
    for (const id of value[0] ?? []) this.ids.push(Number(id));
  }
  end() {}
}

let model = null;
let tokenizer = null;

window.bare = {
  /** Loads the model with the app's settings: {id, device, dtype, ortBuild, threads, hubUrl|null}. */
  async load({ id, device, dtype, ortBuild, threads, hubUrl }) {
    env.allowLocalModels = !hubUrl;
    env.allowRemoteModels = Boolean(hubUrl);
    env.localModelPath = '/models/';
    if (hubUrl) env.remoteHost = hubUrl;
    const stem = ortBuild === 'asyncify' ? 'ort-wasm-simd-threaded.asyncify' : 'ort-wasm-simd-threaded';
    const base = new URL('/ort/', location.href).href;
    env.backends.onnx.wasm.wasmPaths = { mjs: `${base}${stem}.mjs`, wasm: `${base}${stem}.wasm` };
    env.backends.onnx.wasm.numThreads = threads;
    tokenizer = await AutoTokenizer.from_pretrained(id);
    model = await AutoModelForCausalLM.from_pretrained(id, { device, dtype });
    document.getElementById('state').textContent = 'ready';
  },
  /** One greedy generation of exactly `tokens` new tokens: time to first token and decode tok/s. */
  async run({ messages, tokens }) {
    const inputs = tokenizer.apply_chat_template(messages, {
      add_generation_prompt: true,
      return_dict: true,
    });
    const clock = new Clock();
    const start = performance.now();
    await model.generate({
      ...inputs,
      max_new_tokens: tokens,
      min_new_tokens: tokens,
      do_sample: false,
      streamer: clock,
    });
    const [first, last, n] = [clock.times[0], clock.times.at(-1), clock.times.length];
    return {
      ttftMs: first - start,
      decodeTokensPerSecond: n > 1 ? ((n - 1) * 1000) / (last - first) : null,
      tokenIds: clock.ids,
    };
  },
  async dispose() {
    await model?.dispose();
    model = null;
  },
};
