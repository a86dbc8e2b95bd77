// The order a benchmark runs in. Pure: the same plan always yields the same steps with the same ids, so the
// id of the step that was running when a tab died (the crash breadcrumb) names the configuration that died.
import type { BenchConfig, BenchPlan } from './plan';

/** One thing the runner does; `id` is stable across runs of the same plan. */
export type BenchStep =
  | { id: string; kind: 'load'; configKey: string }
  /** Not counted: compiles shaders and fills caches. `index` counts from 1. */
  | { id: string; kind: 'warmup'; configKey: string; promptId: string; index: number }
  /** A counted run; `repetition` counts from 1. */
  | { id: string; kind: 'run'; configKey: string; promptId: string; repetition: number }
  | { id: string; kind: 'dispose'; configKey: string };

/** The configurations compared with each other: a model's backends at one precision, or at their best. */
function groupKey(config: BenchConfig, plan: BenchPlan): string {
  return plan.mode === 'same-precision' ? `${config.modelId}|${config.dtype}` : config.modelId;
}

/**
 * Orders the available configurations' work, one comparison group (same model; same precision too in
 * same-precision mode) at a time: load and warm up each configuration of the group, then the repetitions
 * interleaved across them (rep 1: A every prompt, B every prompt; rep 2: A, B; …) so drift over time hits
 * every backend alike, then dispose them. Unavailable configurations get no steps.
 * NOTE: a group's configurations are loaded together (one per backend), so the runner needs an engine per
 * configuration of a group, e.g. one worker per backend.
 */
export function schedule(configs: readonly BenchConfig[], plan: BenchPlan): BenchStep[] {
  const promptIds = [...plan.promptIds, ...plan.userPrompts.map((p) => p.id)];
  if (promptIds.length === 0) throw new RangeError('The plan has no prompts to run.');
  const groups = new Map<string, BenchConfig[]>();
  for (const config of configs) {
    if (config.unavailable !== null) continue;
    const key = groupKey(config, plan);
    groups.set(key, [...(groups.get(key) ?? []), config]);
  }

  const steps: BenchStep[] = [];
  for (const group of groups.values()) {
    for (const { key } of group) {
      steps.push({ id: `load:${key}`, kind: 'load', configKey: key });
      for (let index = 1; index <= plan.warmupRuns; index++) {
        const promptId = promptIds[(index - 1) % promptIds.length] ?? '';
        steps.push({ id: `warmup:${key}:${index}`, kind: 'warmup', configKey: key, promptId, index });
      }
    }
    for (let repetition = 1; repetition <= plan.repetitions; repetition++) {
      for (const { key } of group) {
        for (const promptId of promptIds) {
          const id = `run:${key}:${promptId}:${repetition}`;
          steps.push({ id, kind: 'run', configKey: key, promptId, repetition });
        }
      }
    }
    for (const { key } of group) steps.push({ id: `dispose:${key}`, kind: 'dispose', configKey: key });
  }
  return steps;
}
