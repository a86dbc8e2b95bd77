import { describe, expect, it } from 'vitest';
import type { Dtype } from '../../workers/protocol';
import { defaultForm, planProblems, toPlan, userPrompt, type PlanForm } from '../../src/lib/bench/plan-form';

const offered: Record<string, Dtype[]> = { selftest: ['q4', 'fp32'], 'org/big': ['q4f16', 'q4', 'q8'] };
const form = (over: Partial<PlanForm> = {}): PlanForm => ({
  ...defaultForm(),
  models: [{ id: 'selftest', source: 'bundled' }],
  precisions: { webgpu: ['fp32'], wasm: ['fp32'] },
  ...over,
});
const problems = (f: PlanForm) =>
  planProblems(
    f,
    (id) => offered[id] ?? null,
    (id) => (id === 'selftest' ? 'Self-test model' : id),
  );

describe('defaultForm', () => {
  it('starts with both backends, same precision, three prompts and the core’s counts', () => {
    expect(defaultForm()).toMatchObject({
      backends: ['webgpu', 'wasm'],
      mode: 'same-precision',
      repetitions: 5,
      newTokens: 64,
      warmupRuns: 1,
    });
    expect(defaultForm().promptIds).toHaveLength(3);
  });
});

describe('planProblems', () => {
  it('accepts a complete plan', () => {
    expect(problems(form())).toEqual([]);
  });

  it('says what is missing, in sentences, all at once', () => {
    expect(problems(form({ models: [], backends: [], promptIds: [], repetitions: 0 }))).toEqual([
      'Choose at least one model.',
      'Choose at least one backend: WebGPU, WASM or both.',
      'Choose at least one prompt, or add your own.',
      'Repetitions must be a whole number from 1 to 100.',
    ]);
  });

  it('refuses counts that are empty, fractional or out of range', () => {
    expect(problems(form({ newTokens: null }))).toEqual([
      'New tokens per run must be a whole number from 2 to 2048.',
    ]);
    expect(problems(form({ newTokens: 1 }))).toHaveLength(1);
    expect(problems(form({ repetitions: 2.5 }))).toHaveLength(1);
    expect(problems(form({ warmupRuns: -1 }))).toEqual(['Warm-up runs must be a whole number from 0 to 20.']);
    expect(problems(form({ warmupRuns: 0 }))).toEqual([]);
  });

  it('needs a precision in common in same-precision mode', () => {
    expect(problems(form({ precisions: { webgpu: ['q4'], wasm: ['fp32'] } }))).toEqual([
      expect.stringMatching(/needs a precision in common/),
    ]);
  });

  it('names a model that lacks the precision a backend would run', () => {
    const best = form({ mode: 'best-per-backend', precisions: { webgpu: [], wasm: [] } });
    // Best on WASM is q8, which the self-test model does not have; on WebGPU q4, which it has.
    expect(problems(best)).toEqual(['Self-test model has no q8 weights (for WASM).']);
    expect(problems({ ...best, precisions: { webgpu: [], wasm: ['q4'] } })).toEqual([]);
    // Models the app knows nothing about are left to the engine.
    expect(problems({ ...best, models: [{ id: 'org/unknown', source: 'hub' }] })).toEqual([]);
  });
});

describe('toPlan', () => {
  it('copies the form into a plan that shares nothing with it', () => {
    const f = form({
      userPrompts: [{ id: 'mine-1', title: 'T', messages: [{ role: 'user', content: 'x' }] }],
    });
    const plan = toPlan(f);
    expect(plan).toMatchObject({ repetitions: 5, newTokens: 64, warmupRuns: 1, mode: 'same-precision' });
    plan.precisions.wasm.push('q4');
    plan.userPrompts[0]!.messages[0]!.content = 'changed';
    expect(f.precisions.wasm).toEqual(['fp32']);
    expect(f.userPrompts[0]?.messages[0]?.content).toBe('x');
  });
});

describe('userPrompt', () => {
  it('makes a user prompt with a free id and a default title, or nothing for empty text', () => {
    expect(userPrompt(' Mine ', ' Hello ', [])).toEqual({
      id: 'mine-1',
      title: 'Mine',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(userPrompt('', 'Hi', ['mine-1', 'mine-2'])).toMatchObject({ id: 'mine-3', title: 'My prompt 3' });
    expect(userPrompt('Title', '   ', [])).toBeNull();
  });
});
