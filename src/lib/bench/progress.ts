// Where a running benchmark is, and a guess at how long the rest will take, from the steps already timed.
import type { BenchStep } from '../../../workers/bench/schedule';

/** How long a finished step took. */
export interface StepTiming {
  kind: BenchStep['kind'];
  configKey: string;
  ms: number;
}

/** What the progress line shows. */
export interface ProgressView {
  step: BenchStep;
  /** Counted runs started so far (including the current one) and in all. */
  run: number;
  runs: number;
  elapsedMs: number;
  /** Null until a counted run has finished: before that there is nothing to go on. */
  remainingMs: number | null;
}

const mean = (values: readonly number[]) =>
  values.length ? values.reduce((sum, v) => sum + v, 0) / values.length : null;

/**
 * The time left for steps[from…]: each step is guessed as the mean of finished steps of its kind on its
 * configuration, else of its kind on any configuration (a later group's loads), else 0 for dispose. Null
 * while a kind still to come has never been timed, or before any counted run has finished.
 */
export function estimateRemaining(
  steps: readonly BenchStep[],
  from: number,
  done: readonly StepTiming[],
): number | null {
  if (!done.some((t) => t.kind === 'run')) return null;
  let total = 0;
  for (const step of steps.slice(from)) {
    const same = mean(
      done.filter((t) => t.kind === step.kind && t.configKey === step.configKey).map((t) => t.ms),
    );
    const kind = same ?? mean(done.filter((t) => t.kind === step.kind).map((t) => t.ms));
    if (kind === null && step.kind !== 'dispose') return null;
    total += kind ?? 0;
  }
  return total;
}

/** The progress line for steps[index], the step now running. */
export function progressAt(
  steps: readonly BenchStep[],
  index: number,
  done: readonly StepTiming[],
  elapsedMs: number,
): ProgressView | null {
  const step = steps[index];
  if (!step) return null;
  const runs = steps.filter((s) => s.kind === 'run').length;
  const run = steps.slice(0, index + 1).filter((s) => s.kind === 'run').length;
  return { step, run, runs, elapsedMs, remainingMs: estimateRemaining(steps, index, done) };
}

/** The step in words: "Loading …", "Warm-up 1 of 2 on …", "Run: … · prompt … · repetition 2". */
export function describeStep(
  step: BenchStep,
  warmupRuns: number,
  label: (configKey: string) => string,
): string {
  const on = label(step.configKey);
  switch (step.kind) {
    case 'load':
      return `Loading ${on}`;
    case 'warmup':
      return `Warm-up ${step.index} of ${warmupRuns} on ${on} (not counted)`;
    case 'run':
      return `${on} · prompt ${step.promptId} · repetition ${step.repetition}`;
    case 'dispose':
      return `Closing ${on}`;
  }
}
