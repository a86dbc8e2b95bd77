import type { SamplingOptions } from './protocol';

/** What transformers.js decodes with when a model's generation_config.json says nothing. */
export const LIBRARY_DEFAULTS: SamplingOptions = {
  do_sample: false,
  temperature: 1,
  top_p: 1,
  top_k: 50,
  repetition_penalty: 1,
};

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * The model's decoding defaults from its generation_config.json (a file from outside: every field is checked,
 * and one that is missing or out of range falls back to the library's default). A temperature of 0 means
 * greedy, as transformers.js reads it.
 */
export function generationDefaults(config: unknown): SamplingOptions {
  const c = (typeof config === 'object' && config !== null ? config : {}) as Record<string, unknown>;
  const d = LIBRARY_DEFAULTS;
  const greedyByTemperature = c.temperature === 0;
  return {
    do_sample: c.do_sample === true && !greedyByTemperature,
    temperature: positive(c.temperature) ? c.temperature : d.temperature,
    top_p: positive(c.top_p) && c.top_p <= 1 ? c.top_p : d.top_p,
    top_k: typeof c.top_k === 'number' && Number.isSafeInteger(c.top_k) && c.top_k >= 0 ? c.top_k : d.top_k,
    repetition_penalty: positive(c.repetition_penalty) ? c.repetition_penalty : d.repetition_penalty,
  };
}
