import { describe, expect, it } from 'vitest';
import type { WebGpuInfo } from '../../workers/protocol';
import { expandPlan, planPrompts, schedule, withDefaults, type BenchPlan } from '../../workers/bench/plan';

const gpu = (over: Partial<WebGpuInfo> = {}): { webgpu: WebGpuInfo } => ({
  webgpu: {
    available: true,
    features: [],
    limits: { maxBufferSize: 1 << 30, maxStorageBufferBindingSize: 1 << 28 },
    shaderF16: false,
    ...over,
  },
});

const plan = (over: Partial<BenchPlan> = {}): BenchPlan =>
  withDefaults({
    models: [{ id: 'org/m', source: 'hub' }],
    backends: ['webgpu', 'wasm'],
    precisions: { webgpu: [], wasm: [] },
    mode: 'best-per-backend',
    promptIds: ['fact-short'],
    ...over,
  });

const keys = (p: BenchPlan, caps?: { webgpu: WebGpuInfo }) => expandPlan(p, caps).map((c) => c.key);

describe('withDefaults', () => {
  it('fills 5 repetitions, 64 new tokens, 1 warm-up run and no user prompts', () => {
    expect(plan()).toMatchObject({ repetitions: 5, newTokens: 64, warmupRuns: 1, userPrompts: [] });
    expect(plan({ repetitions: 2 }).repetitions).toBe(2);
  });
});

describe('expandPlan', () => {
  it('same-precision keeps only the precisions every backend offers, backends side by side', () => {
    const p = plan({
      mode: 'same-precision',
      precisions: { webgpu: ['q4f16', 'q4', 'q8'], wasm: ['q8', 'q4', 'fp32'] },
    });
    expect(keys(p)).toEqual(['org/m|webgpu|q4', 'org/m|wasm|q4', 'org/m|webgpu|q8', 'org/m|wasm|q8']);
  });

  it('best-per-backend picks q4f16 on WebGPU with shader-f16, else q4, and q8 on WASM', () => {
    expect(keys(plan(), gpu({ shaderF16: true }))).toEqual(['org/m|webgpu|q4f16', 'org/m|wasm|q8']);
    expect(keys(plan(), gpu())).toEqual(['org/m|webgpu|q4', 'org/m|wasm|q8']);
    expect(keys(plan())).toEqual(['org/m|webgpu|q4', 'org/m|wasm|q8']);
  });

  it("best-per-backend takes the user's own choice for a backend", () => {
    const p = plan({ precisions: { webgpu: ['fp16'], wasm: ['q4'] } });
    expect(keys(p, gpu({ shaderF16: true }))).toEqual(['org/m|webgpu|fp16', 'org/m|wasm|q4']);
  });

  it('marks configurations the device cannot run instead of dropping them', () => {
    const [webgpu, wasm] = expandPlan(plan(), gpu({ available: false, reason: 'blocked by policy' }));
    expect(webgpu).toMatchObject({
      backend: 'webgpu',
      unavailable: 'WebGPU is not available here: blocked by policy',
    });
    expect(wasm).toMatchObject({ backend: 'wasm', unavailable: null });
    const f16 = expandPlan(plan({ precisions: { webgpu: ['q4f16'], wasm: [] } }), gpu());
    expect(f16[0]?.unavailable).toBe('q4f16 needs the WebGPU feature shader-f16');
  });

  it('carries model id and source, once per model', () => {
    const p = plan({
      models: [
        { id: 'a/x', source: 'bundled' },
        { id: 'b/y', source: 'imported' },
        { id: 'a/x', source: 'bundled' },
      ],
    });
    const configs = expandPlan(p);
    expect(configs.map((c) => [c.modelId, c.source, c.backend])).toEqual([
      ['a/x', 'bundled', 'webgpu'],
      ['a/x', 'bundled', 'wasm'],
      ['b/y', 'imported', 'webgpu'],
      ['b/y', 'imported', 'wasm'],
    ]);
  });
});

describe('planPrompts', () => {
  it('resolves suite prompts, then user prompts, and refuses unknown or repeated ids', () => {
    const mine = { id: 'mine', title: 'Mine', messages: [{ role: 'user' as const, content: 'Hi' }] };
    const prompts = planPrompts(plan({ promptIds: ['fact-short', 'length-16'], userPrompts: [mine] }));
    expect(prompts.map((p) => p.id)).toEqual(['fact-short', 'length-16', 'mine']);
    expect(() => planPrompts(plan({ promptIds: ['nope'] }))).toThrow('Unknown prompt id "nope".');
    expect(() => planPrompts(plan({ userPrompts: [{ ...mine, id: 'fact-short' }] }))).toThrow(
      /appears twice/,
    );
  });
});

describe('schedule', () => {
  const two = plan({
    mode: 'same-precision',
    precisions: { webgpu: ['q4'], wasm: ['q4'] },
    promptIds: ['fact-short'],
    userPrompts: [{ id: 'mine', title: 'Mine', messages: [{ role: 'user', content: 'Hi' }] }],
    repetitions: 2,
  });

  it('loads and warms up each configuration, then interleaves repetitions across them', () => {
    const A = 'org/m|webgpu|q4';
    const B = 'org/m|wasm|q4';
    expect(schedule(expandPlan(two), two).map((s) => s.id)).toEqual([
      `load:${A}`,
      `warmup:${A}:1`,
      `load:${B}`,
      `warmup:${B}:1`,
      `run:${A}:fact-short:1`,
      `run:${A}:mine:1`,
      `run:${B}:fact-short:1`,
      `run:${B}:mine:1`,
      `run:${A}:fact-short:2`,
      `run:${A}:mine:2`,
      `run:${B}:fact-short:2`,
      `run:${B}:mine:2`,
      `dispose:${A}`,
      `dispose:${B}`,
    ]);
  });

  it('describes each step, with warm-ups on the plan’s prompts', () => {
    const steps = schedule(expandPlan(two), { ...two, warmupRuns: 2 });
    expect(steps.filter((s) => s.kind === 'warmup').map((s) => s.promptId)).toEqual([
      'fact-short',
      'mine',
      'fact-short',
      'mine',
    ]);
    expect(steps.find((s) => s.kind === 'run')).toEqual({
      id: 'run:org/m|webgpu|q4:fact-short:1',
      kind: 'run',
      configKey: 'org/m|webgpu|q4',
      promptId: 'fact-short',
      repetition: 1,
    });
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
  });

  it('runs comparison groups one after another and skips unavailable configurations', () => {
    const p = plan({
      models: [
        { id: 'a/x', source: 'hub' },
        { id: 'b/y', source: 'hub' },
      ],
      repetitions: 1,
      warmupRuns: 0,
    });
    const configs = expandPlan(p, gpu({ available: false }));
    expect(schedule(configs, p).map((s) => s.id)).toEqual([
      'load:a/x|wasm|q8',
      'run:a/x|wasm|q8:fact-short:1',
      'dispose:a/x|wasm|q8',
      'load:b/y|wasm|q8',
      'run:b/y|wasm|q8:fact-short:1',
      'dispose:b/y|wasm|q8',
    ]);
  });

  it('is deterministic and refuses a plan without prompts', () => {
    expect(schedule(expandPlan(two), two)).toEqual(schedule(expandPlan(two), two));
    expect(() => schedule(expandPlan(two), { ...two, promptIds: [], userPrompts: [] })).toThrow(/no prompts/);
  });
});
