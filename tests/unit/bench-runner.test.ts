import { describe, expect, it } from 'vitest';
import type {
  ChatMessage,
  GenerateOptions,
  GenerateStats,
  LoadEvent,
  LoadResult,
  Outcome,
} from '../../workers/protocol';
import {
  expandPlan,
  planPrompts,
  schedule,
  type BenchConfig,
  type BenchPlan,
} from '../../workers/bench/plan';
import { BenchRunner, type BenchEngine, type RunnerHooks } from '../../src/lib/bench/runner';
import { plan as makePlan } from './bench-fixtures';

interface Script {
  loadFails?: boolean;
  /** The n-th generate call (from 1, warm-ups included) rejects, as when the worker dies. */
  dieOnCall?: number;
  /** The n-th generate call decodes one token too few. */
  shortOnCall?: number;
  /** Loading never finishes. */
  loadHangs?: boolean;
}

class FakeEngine implements BenchEngine {
  calls: { prompt: string; options: GenerateOptions }[] = [];
  disposed = false;
  #interrupted = false;
  #wake: () => void = () => {};
  constructor(
    readonly config: BenchConfig,
    readonly script: Script,
    readonly log: string[],
    readonly holdRun?: { call: number },
  ) {}

  async load(onEvent: (event: LoadEvent) => void): Promise<Outcome<LoadResult>> {
    if (this.script.loadHangs) return new Promise(() => {});
    onEvent({ kind: 'file', file: 'onnx/model.onnx', loaded: 10, total: 1000, done: false });
    onEvent({ kind: 'file', file: 'onnx/model.onnx', loaded: -1, total: -1, done: true });
    onEvent({ kind: 'file', file: 'config.json', loaded: -1, total: -1, done: true });
    if (this.script.loadFails) return { ok: false, error: { code: 'not-found', message: 'No such file.' } };
    const { modelId, backend, dtype } = this.config;
    return {
      ok: true,
      value: {
        modelId,
        backend,
        dtype,
        ortBuild: 'plain',
        wasmThreads: 2,
        loadMs: 30,
        fetchMs: 10,
        sessionMs: 20,
        warmupMs: 5,
        hasChatTemplate: true,
        generationDefaults: {
          do_sample: true,
          temperature: 0.7,
          top_p: 0.8,
          top_k: 20,
          repetition_penalty: 1.1,
        },
        supportsThinking: false,
        cache: { fromCache: [], downloaded: [], notCached: [] },
      },
    };
  }

  async generate(messages: ChatMessage[], options: GenerateOptions): Promise<Outcome<GenerateStats>> {
    const call = this.calls.push({ prompt: messages.at(-1)?.content ?? '', options });
    this.log.push(`${this.config.backend}:${call}`);
    if (call === this.script.dieOnCall) throw new Error('worker gone');
    if (call === this.holdRun?.call) await new Promise<void>((resolve) => (this.#wake = resolve));
    const n = this.#interrupted ? 1 : options.maxNewTokens - (call === this.script.shortOnCall ? 1 : 0);
    const tokenTimesMs = Array.from({ length: n }, (_, i) => 100 + 10 * i);
    return {
      ok: true,
      value: {
        promptTokens: 20,
        newTokens: n,
        ttftMs: 100,
        decodeTokensPerSecond: n > 1 ? 100 : null,
        totalMs: 200,
        stoppedBy: this.#interrupted ? 'interrupt' : 'max-tokens',
        tokenIds: Array.from({ length: n }, (_, i) => i),
        tokenTimesMs,
        text: '',
      },
    };
  }

  interrupt(): void {
    this.#interrupted = true;
    this.#wake();
  }

  dispose(): void {
    this.disposed = true;
  }
}

function setup(
  over: Partial<BenchPlan> = {},
  scripts: Record<string, Script> = {},
  hooks: Partial<RunnerHooks> = {},
  holdRun?: { call: number },
) {
  const plan = makePlan({ newTokens: 4, warmupRuns: 1, ...over });
  const configs = expandPlan(plan);
  const prompts = new Map(planPrompts(plan).map((p) => [p.id, p.messages]));
  const log: string[] = [];
  const engines: FakeEngine[] = [];
  let clock = 0;
  const runner = new BenchRunner(plan, configs, prompts, {
    createEngine: (config) => {
      const engine = new FakeEngine(config, scripts[config.backend] ?? {}, log, holdRun);
      engines.push(engine);
      return engine;
    },
    now: () => (clock += 10),
    watchHidden: () => () => false,
    ...hooks,
  });
  return { plan, configs, runner, engines, log, steps: schedule(configs, plan) };
}

describe('BenchRunner', () => {
  it('loads, warms up and runs every configuration, interleaved, and disposes each engine', async () => {
    const { runner, engines, log, steps } = setup();
    await runner.run(steps);
    // Each backend: one warm-up, then prompts × repetitions, taking turns per repetition.
    expect(log).toEqual([
      'webgpu:1',
      'wasm:1',
      'webgpu:2',
      'webgpu:3',
      'wasm:2',
      'wasm:3',
      'webgpu:4',
      'webgpu:5',
      'wasm:4',
      'wasm:5',
    ]);
    expect(engines.every((e) => e.disposed)).toBe(true);
    expect(engines[0]?.calls.every((c) => c.options.maxNewTokens === 4 && c.options.ignoreEos === true)).toBe(
      true,
    );
    // Greedy, whatever the chat's generation settings are: no sampling, seed or thinking switch is passed;
    // and every run prefills its whole prompt (no KV cache kept from the run before).
    expect(new Set(engines.flatMap((e) => e.calls.map((c) => Object.keys(c.options).sort().join())))).toEqual(
      new Set(['fresh,ignoreEos,maxNewTokens']),
    );
    expect(engines.every((e) => e.calls.every((c) => c.options.fresh === true))).toBe(true);
    expect(
      engines.some((e) =>
        e.calls.some((c) => 'sampling' in c.options || 'seed' in c.options || 'enableThinking' in c.options),
      ),
    ).toBe(false);
    const [gpu, cpu] = runner.configurations();
    expect(gpu).toMatchObject({
      status: 'ok',
      error: null,
      load: { fetchMs: 10, sessionMs: 20, warmupMs: 205 },
    });
    expect(gpu?.runs.map((r) => [r.promptId, r.repetition])).toEqual([
      ['fact-short', 1],
      ['code-python', 1],
      ['fact-short', 2],
      ['code-python', 2],
    ]);
    expect(cpu?.runs).toHaveLength(4);
    expect(runner.loaded()).toEqual([
      expect.objectContaining({
        configKey: 'org/m|webgpu|q4',
        requestedBackend: 'webgpu',
        actualBackend: 'webgpu',
        files: [
          { file: 'onnx/model.onnx', bytes: 1000 },
          { file: 'config.json', bytes: null },
        ],
      }),
      expect.objectContaining({ configKey: 'org/m|wasm|q4', wasmThreads: 2 }),
    ]);
  });

  it('marks a configuration whose load fails as failed and runs the others', async () => {
    const { runner, steps, engines } = setup({}, { webgpu: { loadFails: true } });
    await runner.run(steps);
    const [gpu, cpu] = runner.configurations();
    expect(gpu).toMatchObject({ status: 'failed', error: 'Loading failed: No such file.', runs: [] });
    expect(cpu).toMatchObject({ status: 'ok', runs: expect.any(Array) });
    expect(cpu?.runs).toHaveLength(4);
    expect(engines[0]?.calls).toHaveLength(0);
  });

  it('marks a configuration whose worker dies as crashed, keeping its earlier runs', async () => {
    const { runner, steps } = setup({}, { wasm: { dieOnCall: 3 } });
    await runner.run(steps);
    const [gpu, cpu] = runner.configurations();
    expect(gpu?.status).toBe('ok');
    expect(cpu).toMatchObject({ status: 'crashed', error: 'The engine stopped working: worker gone' });
    expect(cpu?.runs).toHaveLength(1);
  });

  it('does not count a run that decoded the wrong number of tokens, and says so', async () => {
    const { runner, steps } = setup({}, { webgpu: { shortOnCall: 2 } });
    await runner.run(steps);
    const [gpu] = runner.configurations();
    expect(gpu?.status).toBe('partial');
    expect(gpu?.runs).toHaveLength(3);
    expect(gpu?.error).toMatch(/Run fact-short #1 not counted: decoded 3 tokens instead of 4/);
  });

  it('marks runs made while the tab was hidden', async () => {
    let n = 0;
    const { runner, steps } = setup({}, {}, { watchHidden: () => () => ++n === 2 });
    await runner.run(steps);
    expect(runner.configurations()[0]?.runs.map((r) => r.hidden)).toEqual([false, true, false, false]);
  });

  it('voids runs that overlapped other model work, and says so', async () => {
    let n = 0;
    const { runner, steps } = setup({}, {}, { watchOverlap: () => () => ++n === 3 });
    await runner.run(steps);
    const configs = runner.configurations();
    expect(configs.flatMap((c) => c.runs.filter((r) => r.hidden))).toHaveLength(1);
    const voided = configs.find((c) => c.runs.some((r) => r.hidden));
    expect(voided?.error).toMatch(/#\d+ is void: other model work ran during it/);
  });

  it('stops during a run: interrupts it, drops it, schedules nothing more and keeps what finished', async () => {
    // WebGPU's 4th generate call (its third counted run) waits until interrupted; stop while it waits.
    const stopAt = 'run:org/m|webgpu|q4:fact-short:2';
    const s = setup(
      {},
      {},
      { beforeStep: (step) => void (step.id === stopAt && setTimeout(() => s.runner.stop())) },
      { call: 4 },
    );
    await s.runner.run(s.steps);
    expect(s.runner.stopped).toBe(true);
    const [gpu, cpu] = s.runner.configurations();
    expect(gpu).toMatchObject({ status: 'partial', error: 'Stopped before all of its runs finished.' });
    expect(gpu?.runs).toHaveLength(2);
    expect(cpu?.runs).toHaveLength(2);
    expect(s.log.at(-1)).toBe('webgpu:4');
    expect(s.engines.every((e) => e.disposed)).toBe(true);
  });

  it('stops during a load that never finishes', async () => {
    const s = setup({}, { webgpu: { loadHangs: true } }, {});
    const done = s.runner.run(s.steps);
    await new Promise((r) => setTimeout(r, 10));
    s.runner.stop();
    await done;
    expect(s.engines).toHaveLength(1);
    expect(s.engines[0]?.disposed).toBe(true);
    expect(s.runner.configurations().map((c) => c.status)).toEqual(['partial', 'partial']);
  });

  it('leaves unavailable configurations alone', async () => {
    const plan = makePlan({ newTokens: 4 });
    const configs = expandPlan(plan, {
      webgpu: {
        available: false,
        reason: 'no adapter',
        features: [],
        limits: { maxBufferSize: 0, maxStorageBufferBindingSize: 0 },
        shaderF16: false,
      },
    });
    const engines: string[] = [];
    const runner = new BenchRunner(plan, configs, new Map(planPrompts(plan).map((p) => [p.id, p.messages])), {
      createEngine: (config) => {
        engines.push(config.backend);
        return new FakeEngine(config, {}, []);
      },
      now: () => 0,
      watchHidden: () => () => false,
    });
    await runner.run(schedule(configs, plan));
    expect(engines).toEqual(['wasm']);
    expect(runner.configurations().map((c) => [c.status, c.error])).toEqual([
      ['unavailable', null],
      ['ok', null],
    ]);
  });
});
