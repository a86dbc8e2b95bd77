// What ran on each device, and how results from several devices differ in what they measured: the facts
// the device comparison (compare-devices.ts) shows beside its ratios.
import type { DeviceInput, DeviceRow } from './compare-devices';
import type { BenchEnvironment, BenchResult } from './result-schema';

/** A device's setup in words, for the comparison's header. */
export interface RanOn {
  /** "acme rdna9 (shader-f16)", or "no WebGPU (reason)". */
  adapter: string;
  /** "4 of 8". */
  threads: string;
  crossOriginIsolated: boolean;
  /** "@huggingface/transformers 4.3.2 · onnxruntime-web 1.31.0". */
  libraries: string;
  userAgent: string;
}

export function ranOn({ capabilities: caps, libraries, userAgent }: BenchEnvironment): RanOn {
  const { available, adapter, shaderF16, reason } = caps.webgpu;
  const name = `${adapter?.vendor ?? ''} ${adapter?.architecture ?? ''}`.trim() || 'unnamed adapter';
  return {
    adapter: available
      ? `${name}${shaderF16 ? ' (shader-f16)' : ''}`
      : `no WebGPU (${reason ?? 'no adapter'})`,
    threads: `${caps.wasmThreads} of ${caps.hardwareConcurrency}`,
    crossOriginIsolated: caps.crossOriginIsolated,
    libraries: Object.entries(libraries)
      .map(([k, v]) => `${k} ${v}`)
      .join(' · '),
    userAgent,
  };
}

/** The prompts a result planned, in words; user prompts by title, with their text in the identity. */
function promptSet(result: BenchResult): { text: string; identity: string } {
  const { promptIds, userPrompts } = result.plan;
  const ids = [...promptIds].sort();
  const own = userPrompts.map((p) => p.title);
  const text = [...ids, ...own].join(', ') || 'none';
  const identity = JSON.stringify([ids, userPrompts.map((p) => p.messages)]);
  return { text, identity };
}

type Fact = (result: BenchResult) => { text: string; identity: string };

const FACTS: { what: string; why: string; fact: Fact }[] = [
  { what: 'prompt sets', why: 'different prompts', fact: promptSet },
  // NOTE: the same prompt ids in another suite version may be other texts.
  {
    what: 'prompt-suite versions',
    why: 'different prompt-suite versions',
    fact: ({ promptSuiteVersion: v }) => ({ text: `${v}`, identity: `${v}` }),
  },
  {
    what: 'numbers of new tokens per run',
    why: 'different new tokens per run',
    fact: ({ plan }) => ({ text: `${plan.newTokens}`, identity: `${plan.newTokens}` }),
  },
];

/** "These results used different X: A: …; B: …." when the devices' values differ, else null. */
function differ(inputs: readonly DeviceInput[], what: string, fact: Fact): string | null {
  const values = inputs.map((i) => ({ title: i.title, ...fact(i.result) }));
  if (new Set(values.map((v) => v.identity)).size < 2) return null;
  return `These results used different ${what}: ${values.map((v) => `${v.title}: ${v.text}`).join('; ')}.`;
}

/** Per model, the precisions each device ran, when not every device ran the same ones. */
function precisionNotes(inputs: readonly DeviceInput[], rows: readonly DeviceRow[]): string[] {
  const models = [...new Set(rows.map((r) => r.modelId))];
  return models.flatMap((model) => {
    const mine = rows.filter((r) => r.modelId === model);
    const per = inputs.map((input, d) => ({
      title: input.title,
      ran: mine.filter((r) => r.cells[d] !== null).map((r) => r.precision),
    }));
    if (new Set(per.map((p) => p.ran.join('|'))).size < 2) return [];
    const list = per.map((p) => `${p.title}: ${p.ran.join(', ') || 'not run'}`).join('; ');
    return [`These results used different precisions or models for ${model}: ${list}.`];
  });
}

/** Why results cannot be read against each other (different prompts, new tokens); empty when they can. */
export function mismatches(inputs: readonly DeviceInput[]): string[] {
  return FACTS.flatMap(({ what, why, fact }) => (differ(inputs, what, fact) ? [why] : []));
}

/** Notes on every difference between the results; different library versions are noted, nothing more. */
export function differences(inputs: readonly DeviceInput[], rows: readonly DeviceRow[]): string[] {
  const notes = FACTS.flatMap(({ what, fact }) => differ(inputs, what, fact) ?? []);
  notes.push(...precisionNotes(inputs, rows));
  const libraries = differ(inputs, 'library versions', (r) => {
    const text = ranOn(r.environment).libraries;
    return { text, identity: text };
  });
  return libraries ? [...notes, libraries] : notes;
}
