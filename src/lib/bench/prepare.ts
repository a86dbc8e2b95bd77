// Everything a session needs before its first step, worked out from the plan and the device.
import type { Capabilities, ChatMessage } from '../../../workers/protocol';
import {
  expandPlan,
  planPrompts,
  schedule,
  type BenchConfig,
  type BenchPlan,
} from '../../../workers/bench/plan';
import type { BenchStep } from '../../../workers/bench/schedule';

export interface PreparedRun {
  /** The history key its result is saved under. */
  id: string;
  createdAt: string;
  configs: BenchConfig[];
  prompts: Map<string, ChatMessage[]>;
  steps: BenchStep[];
}

/** Expands and schedules the plan for this device; configurations it cannot run stay in, marked. */
export function prepareRun(
  plan: BenchPlan,
  capabilities: Pick<Capabilities, 'webgpu'>,
  now = Date.now(),
): PreparedRun {
  const configs = expandPlan(plan, capabilities);
  return {
    id: `bench-${now}`,
    createdAt: new Date(now).toISOString(),
    configs,
    prompts: new Map(planPrompts(plan).map((p) => [p.id, p.messages])),
    steps: schedule(configs, plan),
  };
}

/** A time as people read it, in their locale. */
export const localTime = (ms: number) => new Date(ms).toLocaleString();
