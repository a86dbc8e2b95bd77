// What to benchmark, and its expansion into concrete (model, backend, precision) configurations.
import type { Backend, Capabilities, ChatMessage, Dtype, ModelSource } from '../protocol';
import { findSuitePrompt } from './prompt-suite';

/** Where a benchmarked model comes from (imported: a model folder the user added from disk). */
export type BenchModelSource = ModelSource | 'imported';

/**
 * same-precision: each backend runs the precisions every listed backend offers (a like-for-like kernel
 * comparison). best-per-backend: each backend runs its own fastest precision (what a user would pick).
 */
export type PlanMode = 'same-precision' | 'best-per-backend';

/** A prompt the user wrote, next to the suite's. */
export interface UserPrompt {
  id: string;
  title: string;
  messages: ChatMessage[];
}

/** A whole benchmark request, as the user configured it. */
export interface BenchPlan {
  models: { id: string; source: BenchModelSource }[];
  backends: Backend[];
  /** same-precision: the candidates per backend; best-per-backend: the first entry overrides the default. */
  precisions: Record<Backend, Dtype[]>;
  mode: PlanMode;
  /** Suite and length-sweep prompt ids, run before `userPrompts`. */
  promptIds: string[];
  userPrompts: UserPrompt[];
  repetitions: number;
  newTokens: number;
  warmupRuns: number;
}

/** One thing to load and time: a model on a backend at a precision. */
export interface BenchConfig {
  /** Stable id: `modelId|backend|dtype`. */
  key: string;
  modelId: string;
  source: BenchModelSource;
  backend: Backend;
  dtype: Dtype;
  /** Why this configuration cannot run here (it stays in the result, unrun); null when it can. */
  unavailable: string | null;
}

export const PLAN_DEFAULTS = { repetitions: 5, newTokens: 64, warmupRuns: 1 } as const;

/** A plan with the counts filled in where the input leaves them out. */
export function withDefaults(
  input: Omit<BenchPlan, keyof typeof PLAN_DEFAULTS | 'userPrompts'> &
    Partial<Pick<BenchPlan, keyof typeof PLAN_DEFAULTS | 'userPrompts'>>,
): BenchPlan {
  return { ...PLAN_DEFAULTS, userPrompts: [], ...input };
}

const needsF16 = (dtype: Dtype) => dtype === 'q4f16' || dtype === 'fp16';

/** The precision a backend runs best: f16 weights on WebGPU only where shader-f16 exists; q8 on WASM. */
function bestDtype(backend: Backend, capabilities?: Pick<Capabilities, 'webgpu'>): Dtype {
  if (backend === 'wasm') return 'q8';
  return capabilities?.webgpu.shaderF16 ? 'q4f16' : 'q4';
}

function unavailableReason(backend: Backend, dtype: Dtype, caps?: Pick<Capabilities, 'webgpu'>) {
  if (!caps || backend !== 'webgpu') return null;
  if (!caps.webgpu.available) return `WebGPU is not available here: ${caps.webgpu.reason ?? 'no adapter'}`;
  if (needsF16(dtype) && !caps.webgpu.shaderF16) return `${dtype} needs the WebGPU feature shader-f16`;
  return null;
}

/** The precisions each backend runs, per the plan's mode. */
function dtypesFor(plan: BenchPlan, backend: Backend, caps?: Pick<Capabilities, 'webgpu'>): Dtype[] {
  if (plan.mode === 'best-per-backend') return [plan.precisions[backend][0] ?? bestDtype(backend, caps)];
  return plan.precisions[backend].filter((d) => plan.backends.every((b) => plan.precisions[b].includes(d)));
}

/**
 * Every configuration the plan asks for, in model → precision → backend order (so the two backends of a
 * comparison sit side by side). Without capabilities every configuration counts as available and
 * best-per-backend assumes no shader-f16. Configurations the device cannot run are kept and marked.
 */
export function expandPlan(plan: BenchPlan, capabilities?: Pick<Capabilities, 'webgpu'>): BenchConfig[] {
  const configs = new Map<string, BenchConfig>();
  const perBackend = plan.backends.map((backend) => ({
    backend,
    dtypes: dtypesFor(plan, backend, capabilities),
  }));
  const order = [...new Set(perBackend.flatMap((b) => b.dtypes))];
  for (const model of plan.models) {
    for (const dtype of order) {
      for (const { backend, dtypes } of perBackend) {
        if (!dtypes.includes(dtype)) continue;
        const key = `${model.id}|${backend}|${dtype}`;
        if (configs.has(key)) continue;
        const unavailable = unavailableReason(backend, dtype, capabilities);
        configs.set(key, { key, modelId: model.id, source: model.source, backend, dtype, unavailable });
      }
    }
  }
  return [...configs.values()];
}

/** The plan's prompts in run order, suite prompts first; throws on an unknown or repeated id. */
export function planPrompts(plan: BenchPlan): UserPrompt[] {
  const prompts = plan.promptIds.map((id) => {
    const prompt = findSuitePrompt(id);
    if (!prompt) throw new RangeError(`Unknown prompt id "${id}".`);
    return prompt;
  });
  const all = [...prompts, ...plan.userPrompts].map(({ id, title, messages }) => ({ id, title, messages }));
  const seen = new Set<string>();
  for (const { id } of all) {
    if (seen.has(id)) throw new RangeError(`Prompt id "${id}" appears twice in the plan.`);
    seen.add(id);
  }
  return all;
}

export { schedule, type BenchStep } from './schedule';
