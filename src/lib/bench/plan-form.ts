// The Benchmark form's values, checked into readable sentences before they become a BenchPlan.
import type { Backend, Capabilities, Dtype, ModelSource } from '../../../workers/protocol';
import {
  expandPlan,
  PLAN_DEFAULTS,
  type BenchPlan,
  type PlanMode,
  type UserPrompt,
} from '../../../workers/bench/plan';

/** What the form holds; number inputs give null when empty or not a number. */
export interface PlanForm {
  models: { id: string; source: ModelSource }[];
  backends: Backend[];
  precisions: Record<Backend, Dtype[]>;
  mode: PlanMode;
  promptIds: string[];
  userPrompts: UserPrompt[];
  repetitions: number | null;
  newTokens: number | null;
  warmupRuns: number | null;
}

export const LIMITS = {
  repetitions: { min: 1, max: 100, label: 'Repetitions' },
  // NOTE: decode speed needs two tokens: one for the first-token time, one more for a rate.
  newTokens: { min: 2, max: 2048, label: 'New tokens per run' },
  warmupRuns: { min: 0, max: 20, label: 'Warm-up runs' },
} as const;

/** A fresh form: the self-test-friendly defaults of the plan core. */
export function defaultForm(): PlanForm {
  return {
    models: [],
    backends: ['webgpu', 'wasm'],
    precisions: { webgpu: [], wasm: [] },
    mode: 'same-precision',
    promptIds: ['fact-short', 'chat-multiturn', 'code-python'],
    userPrompts: [],
    ...PLAN_DEFAULTS,
  };
}

function countProblem(
  value: number | null,
  { min, max, label }: { min: number; max: number; label: string },
) {
  if (value === null || !Number.isInteger(value) || value < min || value > max)
    return `${label} must be a whole number from ${min} to ${max}.`;
  return null;
}

/** The plan the form describes; call only when planProblems found nothing. */
export function toPlan(form: PlanForm): BenchPlan {
  return {
    models: form.models.map((m) => ({ ...m })),
    backends: [...form.backends],
    precisions: { webgpu: [...form.precisions.webgpu], wasm: [...form.precisions.wasm] },
    mode: form.mode,
    promptIds: [...form.promptIds],
    userPrompts: form.userPrompts.map((p) => ({ ...p, messages: p.messages.map((m) => ({ ...m })) })),
    repetitions: form.repetitions ?? PLAN_DEFAULTS.repetitions,
    newTokens: form.newTokens ?? PLAN_DEFAULTS.newTokens,
    warmupRuns: form.warmupRuns ?? PLAN_DEFAULTS.warmupRuns,
  };
}

/**
 * Everything wrong with the form, as sentences a person can act on (empty when it can run). `offered` gives
 * the precisions a model has, or null when unknown; `label` its display name.
 */
export function planProblems(
  form: PlanForm,
  offered: (modelId: string) => Dtype[] | null,
  label: (modelId: string) => string,
  capabilities?: Pick<Capabilities, 'webgpu'>,
): string[] {
  const problems: string[] = [];
  if (form.models.length === 0) problems.push('Choose at least one model.');
  if (form.backends.length === 0) problems.push('Choose at least one backend: WebGPU, WASM or both.');
  if (form.promptIds.length + form.userPrompts.length === 0)
    problems.push('Choose at least one prompt, or add your own.');
  for (const key of ['repetitions', 'newTokens', 'warmupRuns'] as const) {
    const problem = countProblem(form[key], LIMITS[key]);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) return problems;

  const configs = expandPlan(toPlan(form), capabilities);
  if (configs.length === 0)
    problems.push(
      'In "same precision" mode every chosen backend needs a precision in common: tick the same precision under each backend.',
    );
  const missing = new Set<string>();
  for (const c of configs) {
    const has = offered(c.modelId);
    if (has && !has.includes(c.dtype))
      missing.add(
        `${label(c.modelId)} has no ${c.dtype} weights (for ${c.backend === 'webgpu' ? 'WebGPU' : 'WASM'}).`,
      );
  }
  return [...problems, ...missing];
}

/** A prompt the user typed, with an id no other prompt of the plan has; null when the text is empty. */
export function userPrompt(title: string, text: string, taken: readonly string[]): UserPrompt | null {
  if (!text.trim()) return null;
  let n = 1;
  while (taken.includes(`mine-${n}`)) n++;
  const id = `mine-${n}`;
  return { id, title: title.trim() || `My prompt ${n}`, messages: [{ role: 'user', content: text.trim() }] };
}
