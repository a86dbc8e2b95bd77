// A benchmark session in this tab: plan → lock → one engine per configuration → result, with live
// progress, a crash breadcrumb before each step and the partial result saved after each one.
import type { Capabilities } from '../../../workers/protocol';
import type { BenchPlan } from '../../../workers/bench/plan';
import type { BenchEnvironment, BenchResult } from '../../../workers/bench/result-schema';
import type { BenchStep } from '../../../workers/bench/schedule';
import { assembleResult } from '../../../workers/bench/summarize';
import { withBenchLock } from './bench-lock';
import { clearBreadcrumb, markCrashed, readBreadcrumb, writeBreadcrumb } from './breadcrumb';
import { saveResult, loadResult } from './history';
import { MemoryProbe } from './memory';
import { prepareRun } from './prepare';
import { describeStep, progressAt, type ProgressView, type StepTiming } from './progress';
import { ResultShelf } from './result-shelf.svelte';
import { BenchRunner } from './runner';
import { watchHidden } from './visibility';
import { watchOverlap } from '../model-work';
import { engineFor, probeCapabilities } from './worker-engine';

export const configLabel = (key: string) => {
  const [model, backend, dtype] = key.split('|');
  return `${model} on ${backend === 'webgpu' ? 'WebGPU' : 'WASM'} (${dtype})`;
};

export class BenchSession {
  phase = $state<'idle' | 'running' | 'stopping'>('idle');
  progress = $state.raw<(ProgressView & { text: string; stepStartedAt: number; startedAt: number }) | null>(
    null,
  );
  message = $state.raw<{ text: string; error: boolean } | null>(null);
  readonly shelf = new ResultShelf();
  #runner: BenchRunner | null = null;
  #recovered = false;
  readonly #mirror: () => string | null;

  /** `mirror`: the hub mirror the person accepted, read when a run starts: hub models load from it as in the chat. */
  constructor(mirror: () => string | null = () => null) {
    this.#mirror = mirror;
  }

  /** Runs the plan unless another tab is benchmarking; the result is shown and saved even when stopped. */
  async start(plan: BenchPlan): Promise<void> {
    if (this.phase !== 'idle') return;
    this.phase = 'running';
    this.message = null;
    try {
      const outcome = await withBenchLock(() => this.#run(plan), true);
      if (outcome === 'busy')
        this.message = {
          text: 'A benchmark is already running in another tab of this site. Wait for it to finish, or stop it there, then start again.',
          error: true,
        };
    } catch (error) {
      this.message = { text: `The benchmark could not run: ${(error as Error).message}`, error: true };
    } finally {
      this.phase = 'idle';
      this.progress = null;
      this.#runner = null;
    }
  }

  /** Interrupts the current run and schedules nothing more; runs so far are kept, marked partial. */
  stop(): void {
    if (this.phase !== 'running' || !this.#runner) return;
    this.phase = 'stopping';
    this.#runner.stop();
  }

  /** After a reload: a breadcrumb with no benchmark holding the lock means the tab died mid-run. */
  async recover(): Promise<void> {
    if (this.#recovered) return;
    this.#recovered = true;
    const outcome = await withBenchLock(async () => {
      const crumb = readBreadcrumb(localStorage);
      if (!crumb) return;
      clearBreadcrumb(localStorage);
      const saved = await loadResult(crumb.resultId);
      if (!saved) return;
      const result = markCrashed(saved.result, crumb);
      await saveResult(crumb.resultId, result);
      this.shelf.show({ id: crumb.resultId, origin: 'history', label: 'recovered after a crash', result });
      this.message = {
        text: `The last benchmark stopped unexpectedly during "${crumb.description}". Its partial result is kept, with that configuration marked as crashed.`,
        error: true,
      };
    });
    if (outcome === 'busy' && this.phase === 'idle')
      this.message = {
        text: 'A benchmark is running in another tab of this site. Starting one here has to wait until it ends.',
        error: false,
      };
    await this.shelf.refresh();
  }

  async #run(plan: BenchPlan): Promise<void> {
    const capabilities = await probeCapabilities();
    const { id, createdAt, configs, prompts, steps } = prepareRun(plan, capabilities);
    const startedAt = performance.now();
    const memory = new MemoryProbe();
    const timings: StepTiming[] = [];
    const hubUrl = this.#mirror() ?? undefined;
    const runner = (this.#runner = new BenchRunner(plan, configs, prompts, {
      createEngine: (config) => engineFor(config, hubUrl),
      now: () => performance.now(),
      watchHidden: () => watchHidden(),
      watchOverlap: () => watchOverlap(),
      onRun: (run) => memory.attach(run),
      beforeStep: (step, index) => {
        const text = describeStep(step, plan.warmupRuns, configLabel);
        writeBreadcrumb(localStorage, {
          resultId: id,
          stepId: step.id,
          configKey: step.configKey,
          description: text,
        });
        const now = performance.now();
        this.progress = {
          ...progressAt(steps, index, timings, now - startedAt)!,
          text,
          stepStartedAt: now,
          startedAt,
        };
      },
      afterStep: async (step: BenchStep, _index, ms) => {
        timings.push({ kind: step.kind, configKey: step.configKey, ms });
        await this.#save(id, assemble(true), true);
      },
    }));
    const assemble = (partial?: boolean): BenchResult =>
      assembleResult({
        createdAt,
        plan,
        environment: environment(capabilities, runner),
        configurations: runner.configurations(),
        partial,
      });

    await this.#save(id, assemble(true), true);
    let result: BenchResult;
    try {
      await runner.run(steps);
      await memory.settle(2000);
      result = assemble(runner.stopped ? true : undefined);
      await this.#save(id, result, false);
    } finally {
      clearBreadcrumb(localStorage);
    }
    const incomplete = result.configurations.some((c) => ['failed', 'crashed', 'partial'].includes(c.status));
    this.message = runner.stopped
      ? { text: 'Stopped. The runs that finished are kept; the result is marked partial.', error: false }
      : incomplete
        ? {
            text: 'The benchmark finished, but not every configuration ran fully: see the Status column.',
            error: true,
          }
        : { text: 'The benchmark finished.', error: false };
    await this.shelf.refresh();
  }

  /** Saves the result as it stands and shows it; the history keeps it across reloads (and crashes). */
  async #save(id: string, result: BenchResult, live: boolean): Promise<void> {
    this.shelf.show({ id, origin: 'this tab', label: 'this tab', result, live });
    await saveResult(id, result).catch(() => {});
  }
}

function environment(capabilities: Capabilities, runner: BenchRunner): BenchEnvironment {
  return {
    capabilities,
    userAgent: navigator.userAgent,
    libraries: {
      '@huggingface/transformers': capabilities.versions.transformers,
      'onnxruntime-web': capabilities.versions.onnxruntime,
    },
    loaded: runner.loaded(),
  };
}
