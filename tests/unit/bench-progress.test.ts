import { describe, expect, it } from 'vitest';
import type { BenchStep } from '../../workers/bench/schedule';
import { describeStep, estimateRemaining, progressAt } from '../../src/lib/bench/progress';

const A = 'm|webgpu|q4';
const B = 'm|wasm|q4';
const steps: BenchStep[] = [
  { id: 'l1', kind: 'load', configKey: A },
  { id: 'l2', kind: 'load', configKey: B },
  { id: 'r1', kind: 'run', configKey: A, promptId: 'p', repetition: 1 },
  { id: 'r2', kind: 'run', configKey: B, promptId: 'p', repetition: 1 },
  { id: 'r3', kind: 'run', configKey: A, promptId: 'p', repetition: 2 },
  { id: 'r4', kind: 'run', configKey: B, promptId: 'p', repetition: 2 },
  { id: 'd1', kind: 'dispose', configKey: A },
  { id: 'd2', kind: 'dispose', configKey: B },
];

describe('estimateRemaining', () => {
  it('has no estimate before a counted run has finished', () => {
    expect(estimateRemaining(steps, 2, [{ kind: 'load', configKey: A, ms: 500 }])).toBeNull();
  });

  it('uses each configuration’s own run times, then the kind’s mean for configurations not yet timed', () => {
    const done = [
      { kind: 'load' as const, configKey: A, ms: 500 },
      { kind: 'load' as const, configKey: B, ms: 700 },
      { kind: 'run' as const, configKey: A, ms: 100 },
    ];
    // r2 (B, untimed: mean of runs = 100) + r3 (A: 100) + r4 (B: 100) + two disposes (0).
    expect(estimateRemaining(steps, 3, done)).toBe(300);
    const more = [...done, { kind: 'run' as const, configKey: B, ms: 300 }];
    // r3 (A: 100) + r4 (B: 300).
    expect(estimateRemaining(steps, 4, more)).toBe(400);
  });

  it('gives up while a kind still to come was never timed', () => {
    const withWarmup: BenchStep[] = [
      ...steps,
      { id: 'w', kind: 'warmup', configKey: A, promptId: 'p', index: 1 },
    ];
    expect(estimateRemaining(withWarmup, 3, [{ kind: 'run', configKey: A, ms: 1 }])).toBeNull();
  });
});

describe('progressAt', () => {
  it('counts counted runs started so far and in all', () => {
    expect(progressAt(steps, 0, [], 10)).toMatchObject({ run: 0, runs: 4, elapsedMs: 10, remainingMs: null });
    expect(progressAt(steps, 4, [], 10)).toMatchObject({ run: 3, runs: 4, step: { id: 'r3' } });
    expect(progressAt(steps, 99, [], 10)).toBeNull();
  });
});

describe('describeStep', () => {
  it('says what each step does, in words', () => {
    const label = (key: string) => `<${key}>`;
    expect(describeStep(steps[0]!, 1, label)).toBe(`Loading <${A}>`);
    expect(describeStep({ id: 'w', kind: 'warmup', configKey: B, promptId: 'p', index: 1 }, 2, label)).toBe(
      `Warm-up 1 of 2 on <${B}> (not counted)`,
    );
    expect(describeStep(steps[4]!, 1, label)).toBe(`<${A}> · prompt p · repetition 2`);
    expect(describeStep(steps[7]!, 1, label)).toBe(`Closing <${B}>`);
  });
});
