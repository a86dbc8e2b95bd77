import type { SamplingOptions } from './protocol';

/** The rows of a [batch, vocab] logits tensor, as transformers.js hands them to a logits processor. */
interface Logits {
  dims: number[];
  data: Float32Array;
}

/**
 * Keeps the `topK` most likely tokens (0: all), then the fewest of those whose probabilities add up to
 * `topP`; the rest get -Infinity. One row of logits, changed in place.
 * NOTE: transformers.js 4.3 applies top-k only inside its sampler and has no top-p at all, so both are here,
 * after its temperature (the order Python transformers uses).
 */
export function keepNucleus(row: Float32Array, topK: number, topP: number): void {
  // NOTE: sorting the whole vocabulary (150k logits) costs milliseconds a token; top-k needs only k of them.
  const sorted = topK > 0 && topK < row.length ? largest(row, topK) : Float32Array.from(row).sort().reverse();
  const k = sorted.length;
  let cut = k - 1;
  if (topP < 1) {
    const max = sorted[0]!;
    let total = 0;
    for (let i = 0; i < k; i++) total += Math.exp(sorted[i]! - max);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      sum += Math.exp(sorted[i]! - max) / total;
      if (sum >= topP) {
        cut = i;
        break;
      }
    }
  }
  const threshold = sorted[cut]!;
  for (let i = 0; i < row.length; i++) if (row[i]! < threshold) row[i] = -Infinity;
}

/** The `k` largest values of `row`, largest first: one pass with a small sorted buffer, not a full sort. */
function largest(row: Float32Array, k: number): Float32Array {
  const top = new Float32Array(k).fill(-Infinity);
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    if (!(v > top[k - 1]!)) continue;
    let j = k - 1;
    for (; j > 0 && top[j - 1]! < v; j--) top[j] = top[j - 1]!;
    top[j] = v;
  }
  return top;
}

/** A logits processor (transformers.js calls it as a function) for top-k and top-p. */
function nucleusProcessor(topK: number, topP: number) {
  return (_inputIds: bigint[][], logits: Logits): Logits => {
    const vocab = logits.dims.at(-1) ?? logits.data.length;
    for (let start = 0; start < logits.data.length; start += vocab)
      keepNucleus(logits.data.subarray(start, start + vocab), topK, topP);
    return logits;
  };
}

/**
 * generate() options for `sampling`. Without settings (the benchmark) decoding is greedy exactly as it always
 * was; greedy from the settings still takes their repetition penalty.
 */
export function decodingOptions(sampling: SamplingOptions | undefined): Record<string, unknown> {
  if (!sampling) return { do_sample: false };
  const { do_sample, temperature, top_p, top_k, repetition_penalty } = sampling;
  if (!do_sample) return { do_sample: false, repetition_penalty };
  const cuts = top_k > 0 || top_p < 1;
  return {
    do_sample: true,
    temperature,
    top_k,
    top_p,
    repetition_penalty,
    ...(cuts ? { logits_processor: [nucleusProcessor(top_k, top_p)] } : {}),
  };
}

/** Why these settings cannot run (a sentence), or null. The page checks them first; this guards the worker. */
export function samplingProblem(
  sampling: SamplingOptions | undefined,
  seed: number | undefined,
): string | null {
  if (seed !== undefined && !(Number.isSafeInteger(seed) && seed >= 0))
    return 'The seed must be a whole number of 0 or more.';
  if (!sampling) return null;
  const { temperature, top_p, top_k, repetition_penalty } = sampling;
  const finite = [temperature, top_p, repetition_penalty].every((v) => Number.isFinite(v) && v > 0);
  if (!finite || top_p > 1 || !Number.isSafeInteger(top_k) || top_k < 0)
    return 'These generation settings are out of range; open Generation settings and check them.';
  return null;
}
