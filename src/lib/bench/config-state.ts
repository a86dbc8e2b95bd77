// One configuration while a benchmark runs: its engine, load times, kept runs and what went wrong.
import type { LoadEvent, LoadResult } from '../../../workers/protocol';
import type { BenchConfig } from '../../../workers/bench/plan';
import type {
  BenchRun,
  ConfigurationResult,
  ConfigurationStatus,
  LoadedConfiguration,
} from '../../../workers/bench/result-schema';
import type { BenchEngine } from './runner';

export class ConfigState {
  readonly config: BenchConfig;
  engine: BenchEngine | null = null;
  load: ConfigurationResult['load'] = null;
  loaded: LoadedConfiguration | null = null;
  readonly runs: BenchRun[] = [];
  /** Set when the configuration can run no more: its load or warm-up failed, or its worker died. */
  #ended: { status: 'failed' | 'crashed'; error: string } | null = null;
  readonly #notes: string[] = [];
  readonly #files = new Map<string, number | null>();
  #expected = 0;

  constructor(config: BenchConfig) {
    this.config = config;
  }

  /** Counted runs the schedule asks of this configuration. */
  expect(runs: number): void {
    this.#expected = runs;
  }

  onLoadEvent(event: LoadEvent): void {
    if (event.kind !== 'file') return;
    if (event.total > 0) this.#files.set(event.file, event.total);
    else if (!this.#files.has(event.file)) this.#files.set(event.file, null);
  }

  loadedWith(result: LoadResult): void {
    this.load = { fetchMs: result.fetchMs, sessionMs: result.sessionMs, warmupMs: result.warmupMs };
    this.loaded = {
      configKey: this.config.key,
      modelId: result.modelId,
      requestedBackend: this.config.backend,
      actualBackend: result.backend,
      dtype: result.dtype,
      ortBuild: result.ortBuild,
      wasmThreads: result.wasmThreads,
      files: [...this.#files].map(([file, bytes]) => ({ file, bytes })),
    };
  }

  addWarmup(ms: number): void {
    if (this.load) this.load = { ...this.load, warmupMs: this.load.warmupMs + ms };
  }

  /** A run that did not count; the configuration goes on. */
  note(problem: string): void {
    this.#notes.push(problem);
  }

  fail(error: string): void {
    this.#ended ??= { status: 'failed', error };
    this.dispose();
  }

  crash(error: string): void {
    this.#ended ??= { status: 'crashed', error: `The engine stopped working: ${error}` };
    this.dispose();
  }

  dispose(): void {
    this.engine?.dispose();
    this.engine = null;
  }

  /** The configuration's result as it stands; `stopped`: the user stopped the session. */
  result(stopped: boolean): ConfigurationResult {
    const { config, load } = this;
    const runs = [...this.runs];
    const status = (s: ConfigurationStatus, error: string | null) => ({
      config,
      status: s,
      error,
      load,
      runs,
    });
    if (config.unavailable !== null) return status('unavailable', null);
    if (this.#ended) return status(this.#ended.status, this.#ended.error);
    const notes = this.#notes.join(' ');
    if (runs.length >= this.#expected && !notes) return status('ok', null);
    const short = stopped ? 'Stopped before all of its runs finished.' : 'Not all of its runs finished.';
    return status('partial', [notes, runs.length < this.#expected ? short : ''].filter(Boolean).join(' '));
  }
}
