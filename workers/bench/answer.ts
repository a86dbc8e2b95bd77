// The answer first: one sentence per WebGPU ÷ WASM comparison, so a reader need not decode the tables
// to learn which backend won, by how much, and how sure that is.
import { figure, ratioCounts } from './format';
import type { RatioEstimate } from './ratio';
import type { BenchResult, Comparison } from './result-schema';

const num = (x: number) => figure(x, x < 10 ? 1 : 0);
const times = (x: number) => `${num(x)}×`;

/** "95% 1.6–2.0, 10 pairs", or "no interval: 1 pair"; `inverted` for WASM ÷ WebGPU. */
function support(r: RatioEstimate, inverted: boolean): string {
  if (!r.ci95) return `no interval: ${ratioCounts(r)}`;
  const [low, high] = inverted ? [1 / r.ci95.high, 1 / r.ci95.low] : [r.ci95.low, r.ci95.high];
  return `95% ${num(low)}–${num(high)}, ${ratioCounts(r)}`;
}

/**
 * Which backend won, by how much (≥ 1×), or null when the interval holds 1×: then the data cannot tell
 * the backends apart, which is not the same as "equally fast" (two pairs give a very wide interval).
 */
function winner(r: RatioEstimate): { name: string; loser: string; by: number; inverted: boolean } | null {
  if (r.ratio === 1 || (r.ci95 && r.ci95.low <= 1 && r.ci95.high >= 1)) return null;
  const inverted = r.ratio < 1;
  return inverted
    ? { name: 'WASM', loser: 'WebGPU', by: 1 / r.ratio, inverted }
    : { name: 'WebGPU', loser: 'WASM', by: r.ratio, inverted };
}

function decodeClause(r: RatioEstimate | null): string {
  if (!r) return 'decode speed could not be compared (no runs on one side)';
  const w = winner(r);
  if (!w)
    return `no clear difference in decode speed (WebGPU ÷ WASM ${times(r.ratio)}, ${support(r, false)})`;
  return `${w.name} decodes ${times(w.by)} faster than ${w.loser} (${support(r, w.inverted)})`;
}

function firstTokenClause(r: RatioEstimate | null): string {
  if (!r) return 'first token could not be compared';
  const w = winner(r);
  if (!w)
    return `no clear difference in first-token time (WebGPU ÷ WASM ${times(r.ratio)}, ${support(r, false)})`;
  return `first token ${times(w.by)} sooner on ${w.name} (${support(r, w.inverted)})`;
}

/**
 * E.g. "On this device WASM decodes 1.8× faster than WebGPU (95% 1.6–2.0, 10 pairs) for org/m in q4;
 * first token 3.1× sooner on WASM (95% 2.8–3.4, 10 pairs)." `where` names the device ("On this device").
 */
export function answerSentence(result: BenchResult, c: Comparison, where = 'On this device'): string {
  const dtype = new Map(result.configurations.map(({ config }) => [config.key, config.dtype]));
  const [gpu, cpu] = [dtype.get(c.webgpuKey), dtype.get(c.wasmKey)];
  const precision = gpu === cpu ? `in ${gpu}` : `(WebGPU in ${gpu}, WASM in ${cpu})`;
  return `${where} ${decodeClause(c.decodeSpeedRatio)} for ${c.modelId} ${precision}; ${firstTokenClause(c.ttftSpeedRatio)}.`;
}

/** One sentence per comparison in the result, in its order. */
export const answerSentences = (result: BenchResult, where?: string): string[] =>
  result.comparisons.map((c) => answerSentence(result, c, where));
