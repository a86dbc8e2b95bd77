// Runs a schedule of steps against one engine per configuration. No DOM here: the page passes in how to
// make an engine, the clock, the tab-visibility watch and what to do around each step, so tests can too.
import type {
  ChatMessage,
  GenerateOptions,
  GenerateStats,
  LoadEvent,
  LoadResult,
  Outcome,
} from '../../../workers/protocol';
import type { BenchConfig, BenchPlan } from '../../../workers/bench/plan';
import type {
  BenchRun,
  ConfigurationResult,
  LoadedConfiguration,
} from '../../../workers/bench/result-schema';
import type { BenchStep } from '../../../workers/bench/schedule';
import { ConfigState } from './config-state';
import { runFromStats, runProblem } from './run-metrics';

const STOP_GRACE_MS = 10_000;
const delay = (ms: number) => new Promise<'stopped'>((resolve) => setTimeout(() => resolve('stopped'), ms));

/** One configuration's engine: a fresh worker, loaded once, terminated by dispose. */
export interface BenchEngine {
  load(onEvent: (event: LoadEvent) => void): Promise<Outcome<LoadResult>>;
  generate(messages: ChatMessage[], options: GenerateOptions): Promise<Outcome<GenerateStats>>;
  interrupt(): void;
  dispose(): void;
}

/** What the runner needs from its host. */
export interface RunnerHooks {
  createEngine(config: BenchConfig): BenchEngine;
  now(): number;
  /** Starts watching the tab; the function returned says whether it was hidden at any time since. */
  watchHidden(): () => boolean;
  /** Starts watching for other model work (another tab's); the function returned says whether any ran. */
  watchOverlap?(): () => boolean;
  beforeStep?(step: BenchStep, index: number): void;
  afterStep?(step: BenchStep, index: number, ms: number): void | Promise<void>;
  /** A counted run was kept (memory readings can be attached to it). */
  onRun?(run: BenchRun): void;
}

/** Runs `steps` once; `stop()` interrupts the current generation and schedules nothing more. */
export class BenchRunner {
  readonly #plan: BenchPlan;
  readonly #prompts: ReadonlyMap<string, ChatMessage[]>;
  readonly #hooks: RunnerHooks;
  readonly #states: ConfigState[];
  #stopped = false;
  #onStop: () => void = () => {};
  readonly #stopSignal = new Promise<'stopped'>((resolve) => (this.#onStop = () => resolve('stopped')));
  #current: BenchEngine | null = null;

  constructor(
    plan: BenchPlan,
    configs: readonly BenchConfig[],
    prompts: ReadonlyMap<string, ChatMessage[]>,
    hooks: RunnerHooks,
  ) {
    this.#plan = plan;
    this.#prompts = prompts;
    this.#hooks = hooks;
    this.#states = configs.map((c) => new ConfigState(c));
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#current?.interrupt();
    this.#onStop();
  }

  /** Every configuration as it stands, with its status; unfinished ones are partial. */
  configurations(): ConfigurationResult[] {
    return this.#states.map((s) => s.result(this.#stopped));
  }

  /** What each loaded configuration actually ran on. */
  loaded(): LoadedConfiguration[] {
    return this.#states.flatMap((s) => (s.loaded ? [s.loaded] : []));
  }

  async run(steps: readonly BenchStep[]): Promise<void> {
    for (const state of this.#states)
      state.expect(steps.filter((s) => s.kind === 'run' && s.configKey === state.config.key).length);
    try {
      for (const [index, step] of steps.entries()) {
        if (this.#stopped) break;
        const state = this.#states.find((s) => s.config.key === step.configKey);
        if (!state || (step.kind !== 'load' && step.kind !== 'dispose' && !state.engine)) continue;
        this.#hooks.beforeStep?.(step, index);
        const start = this.#hooks.now();
        await this.#step(step, state);
        await this.#hooks.afterStep?.(step, index, this.#hooks.now() - start);
      }
    } finally {
      for (const state of this.#states) state.dispose();
      this.#current = null;
    }
  }

  async #step(step: BenchStep, state: ConfigState): Promise<void> {
    try {
      if (step.kind === 'load') await this.#load(state);
      else if (step.kind === 'dispose') state.dispose();
      else if (step.kind === 'warmup') await this.#warmup(state, step.promptId);
      else await this.#run(state, step.promptId, step.repetition);
    } catch (error) {
      // NOTE: the engine rejects only when its worker died (engine errors come back as outcomes).
      state.crash(error instanceof Error ? error.message : String(error));
    }
  }

  async #load(state: ConfigState): Promise<void> {
    const engine = (state.engine = this.#hooks.createEngine(state.config));
    const outcome = await this.#unlessStopped(engine.load((event) => state.onLoadEvent(event)));
    if (outcome === 'stopped') return state.dispose();
    if (!outcome.ok) return state.fail(`Loading failed: ${outcome.error.message}`);
    state.loadedWith(outcome.value);
  }

  async #warmup(state: ConfigState, promptId: string): Promise<void> {
    const outcome = await this.#unlessStopped(this.#generate(state, promptId));
    if (outcome === 'stopped') return;
    if (!outcome.ok) return state.fail(`The warm-up run failed: ${outcome.error.message}`);
    state.addWarmup(outcome.value.totalMs);
  }

  async #run(state: ConfigState, promptId: string, repetition: number): Promise<void> {
    const hidden = this.#hooks.watchHidden();
    const overlapped = this.#hooks.watchOverlap?.() ?? (() => false);
    this.#current = state.engine;
    // NOTE: stop() interrupts the run, which then returns after its current token; the grace period only
    // covers an engine that no longer answers.
    const outcome = await Promise.race([
      this.#generate(state, promptId),
      this.#stopSignal.then(() => delay(STOP_GRACE_MS)),
    ]).finally(() => (this.#current = null));
    if (outcome === 'stopped') return state.dispose();
    const shared = overlapped();
    if (!outcome.ok) return state.note(`Run ${promptId} #${repetition} failed: ${outcome.error.message}`);
    // NOTE: a run that shared the device is void like a hidden-tab run (the schema's one void flag).
    if (shared) state.note(`Run ${promptId} #${repetition} is void: other model work ran during it.`);
    const problem = runProblem(outcome.value, this.#plan.newTokens);
    if (problem === 'stopped before the end' && this.#stopped) return;
    if (problem) return state.note(`Run ${promptId} #${repetition} not counted: ${problem}`);
    const run = runFromStats(outcome.value, { promptId, repetition, hidden: hidden() || shared });
    state.runs.push(run);
    this.#hooks.onRun?.(run);
  }

  #generate(state: ConfigState, promptId: string): Promise<Outcome<GenerateStats>> {
    const messages = this.#prompts.get(promptId);
    if (!state.engine || !messages) throw new Error(`Nothing to run for prompt ${promptId}.`);
    return state.engine.generate(messages, {
      maxNewTokens: this.#plan.newTokens,
      ignoreEos: true,
      fresh: true,
    });
  }

  /** The operation's result, or 'stopped' as soon as stop() is called (loads can take minutes). */
  #unlessStopped<T>(operation: Promise<T>): Promise<T | 'stopped'> {
    return Promise.race([operation, this.#stopSignal]);
  }
}
