// The options of `npm run bench`, checked before anything starts: a bad option is one clear line, never a trace.
import { parseArgs } from 'node:util';
import { findSuitePrompt, PROMPT_SUITE } from '../../workers/bench/prompt-suite.js';

/** How the browser gets WebGPU: the machine's GPU, SwiftShader's software adapter, or none at all. */
export type WebGpuMode = 'gpu' | 'swiftshader' | 'off';
type Backend = 'webgpu' | 'wasm';

/** Everything one `npm run bench` needs to know. */
export interface BenchOptions {
  /** A model of the app's catalog (its id), `selftest`, or `gen:<preset>` for a generated one. */
  model: string;
  backends: Backend[];
  dtypes: string[];
  /** Prompt ids of the suite or the length sweep. */
  promptIds: string[];
  /** Their titles, as the plan form labels them. */
  prompts: string[];
  reps: number;
  tokens: number;
  warmup: number;
  out: string;
  webgpu: WebGpuMode;
  browser: string;
  connect: string | null;
  baseline: boolean;
  /** Also time replies through the chat UI, interleaved with the view's runs. */
  chat: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --model ID        selftest (default), a catalog hub id, or gen:qwen2.5-0.5b (random weights, made locally)
  --backends LIST   webgpu,wasm (default: both)
  --dtypes LIST     precisions to run on every backend (default: fp32 for selftest, q8 otherwise)
  --prompts LIST    prompt ids: ${PROMPT_SUITE.map((p) => p.id).join(', ')}, length-N (default: fact-short)
  --reps N          counted repetitions per prompt (default 2)
  --tokens N        new tokens per run (default 8)
  --warmup N        warm-up runs per configuration (default 1)
  --out DIR         where to write result.json and result.md (default bench-results)
  --webgpu MODE     gpu | swiftshader (default: software WebGPU, no GPU needed) | off
  --browser PATH    Chromium to launch (default /usr/bin/chromium)
  --connect WS      use a Playwright browser server instead (it must reach this machine's 127.0.0.1)
  --baseline        also time a bare transformers.js page, interleaved, and report app ÷ bare
  --chat            also time the same prompts typed into the chat, interleaved, and report chat ÷ view
                    (first token, decode) and a 6-turn conversation's turn 6 ÷ turn 1 first token
  --help            this text`;

/** A bad command line: the CLI prints the message and the usage, and exits 2. */
export class OptionError extends Error {}

const count = (name: string, text: string, min: number, max: number) => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max)
    throw new OptionError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
};
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses argv (without node and the script); null means --help was asked for. */
export function parseOptions(argv: string[]): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string', default: 'selftest' },
        backends: { type: 'string', default: 'webgpu,wasm' },
        dtypes: { type: 'string' },
        prompts: { type: 'string', default: 'fact-short' },
        reps: { type: 'string', default: '2' },
        tokens: { type: 'string', default: '8' },
        warmup: { type: 'string', default: '1' },
        out: { type: 'string', default: 'bench-results' },
        webgpu: { type: 'string', default: 'swiftshader' },
        browser: { type: 'string', default: '/usr/bin/chromium' },
        connect: { type: 'string' },
        baseline: { type: 'boolean', default: false },
        chat: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    throw new OptionError((err as Error).message);
  }
  if (values.help) return null;
  const backends = list(values.backends);
  const badBackend = backends.find((b) => b !== 'webgpu' && b !== 'wasm');
  if (badBackend !== undefined || backends.length === 0)
    throw new OptionError(`--backends takes webgpu and/or wasm, not "${values.backends}"`);
  const webgpu = values.webgpu;
  if (webgpu !== 'gpu' && webgpu !== 'swiftshader' && webgpu !== 'off')
    throw new OptionError(`--webgpu must be gpu, swiftshader or off, not "${webgpu}"`);
  const model = values.model;
  if (!/^(selftest|gen:[\w.-]+|\w[\w.-]*\/\w[\w.-]*)$/.test(model))
    throw new OptionError(`--model must be selftest, gen:<preset> or owner/name, not "${model}"`);
  const dtypes = list(values.dtypes ?? (model === 'selftest' ? 'fp32' : 'q8'));
  const badDtype = dtypes.find((d) => !['q4f16', 'q4', 'q8', 'fp16', 'fp32'].includes(d));
  if (badDtype !== undefined || dtypes.length === 0)
    throw new OptionError(`--dtypes takes q4f16, q4, q8, fp16 or fp32, not "${values.dtypes}"`);
  const promptIds = list(values.prompts);
  const prompts = promptIds.map((id) => {
    const prompt = findSuitePrompt(id);
    if (!prompt) throw new OptionError(`--prompts: no prompt "${id}" (see --help)`);
    return prompt.title;
  });
  if (prompts.length === 0) throw new OptionError('--prompts needs at least one prompt id');
  return {
    model,
    backends: backends as Backend[],
    dtypes,
    promptIds,
    prompts,
    reps: count('reps', values.reps, 1, 100),
    tokens: count('tokens', values.tokens, 2, 2048),
    warmup: count('warmup', values.warmup, 0, 20),
    out: values.out,
    webgpu,
    browser: values.browser,
    connect: values.connect ?? null,
    baseline: values.baseline,
    chat: values.chat,
  };
}
