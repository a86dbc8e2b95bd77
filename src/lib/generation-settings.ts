import type { SamplingOptions } from '../../workers/protocol';

/** The settings as typed: a number input gives null when empty. */
export interface SettingsInput {
  systemPrompt: string;
  doSample: boolean;
  temperature: number | null;
  topP: number | null;
  topK: number | null;
  repetitionPenalty: number | null;
  /** Empty: a different draw each time. */
  seed: number | null;
  enableThinking: boolean;
}

export type CheckedSettings =
  | { ok: true; system: string; sampling: SamplingOptions; seed: number | undefined }
  | { ok: false; problems: string[] };

/** What decoding falls back to before a model says (transformers.js's own defaults). */
export const FALLBACK_DEFAULTS: SamplingOptions = {
  do_sample: false,
  temperature: 1,
  top_p: 1,
  top_k: 50,
  repetition_penalty: 1,
};

export const MAX_SEED = 2 ** 32 - 1;

/** The settings a model starts with: its generation_config.json's decoding, no system prompt, thinking on. */
export function defaultInput(defaults: SamplingOptions): SettingsInput {
  return {
    systemPrompt: '',
    doSample: defaults.do_sample,
    temperature: defaults.temperature,
    topP: defaults.top_p,
    topK: defaults.top_k,
    repetitionPenalty: defaults.repetition_penalty,
    seed: null,
    enableThinking: true,
  };
}

const isNumber = (v: number | null): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks the settings as typed, one sentence per problem. Temperature, top-p, top-k and the seed only matter
 * (and are only checked) when sampling is on; the repetition penalty applies to greedy decoding too.
 */
export function checkSettings(input: SettingsInput): CheckedSettings {
  const problems: string[] = [];
  const { temperature, topP, topK, repetitionPenalty, seed } = input;
  if (input.doSample) {
    if (!isNumber(temperature) || temperature <= 0)
      problems.push('Temperature must be a number greater than 0 (1 keeps the model’s probabilities).');
    if (!isNumber(topP) || topP <= 0 || topP > 1)
      problems.push('Top-p must be a number greater than 0 and at most 1 (1: no cut).');
    if (!isNumber(topK) || !Number.isInteger(topK) || topK < 0)
      problems.push('Top-k must be a whole number, 0 or more (0: no cut).');
    if (seed !== null && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED))
      problems.push(
        `The seed must be a whole number from 0 to ${MAX_SEED.toLocaleString('en-US')}, or empty for a new draw each time.`,
      );
  }
  if (!isNumber(repetitionPenalty) || repetitionPenalty <= 0)
    problems.push('Repetition penalty must be a number greater than 0 (1: no penalty).');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    system: input.systemPrompt.trim(),
    sampling: {
      do_sample: input.doSample,
      temperature: temperature as number,
      top_p: topP as number,
      top_k: topK as number,
      repetition_penalty: repetitionPenalty as number,
    },
    seed: input.doSample && seed !== null ? seed : undefined,
  };
}

/** Where a model's settings are kept in localStorage. */
export const storageKey = (modelId: string) => `llm-bench:generation-settings:${modelId}`;

/**
 * Saved settings over the model's defaults. What was saved is read as untrusted (another version of the app,
 * a hand edit): a field of the wrong type keeps the default.
 */
export function parseSaved(saved: string | null, defaults: SamplingOptions): SettingsInput {
  const input = defaultInput(defaults);
  let value: unknown;
  try {
    value = saved === null ? null : JSON.parse(saved);
  } catch {
    return input;
  }
  if (typeof value !== 'object' || value === null) return input;
  const v = value as Record<string, unknown>;
  const num = (x: unknown) => (x === null || (typeof x === 'number' && Number.isFinite(x)) ? x : undefined);
  if (typeof v.systemPrompt === 'string') input.systemPrompt = v.systemPrompt;
  if (typeof v.doSample === 'boolean') input.doSample = v.doSample;
  if (typeof v.enableThinking === 'boolean') input.enableThinking = v.enableThinking;
  for (const key of ['temperature', 'topP', 'topK', 'repetitionPenalty', 'seed'] as const) {
    const n = num(v[key]);
    if (n !== undefined) input[key] = n as number | null;
  }
  return input;
}
