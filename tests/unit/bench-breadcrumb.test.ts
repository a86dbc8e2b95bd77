import { describe, expect, it } from 'vitest';
import {
  BREADCRUMB_KEY,
  clearBreadcrumb,
  markCrashed,
  readBreadcrumb,
  writeBreadcrumb,
  type Breadcrumb,
} from '../../src/lib/bench/breadcrumb';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

const crumb: Breadcrumb = {
  resultId: 'bench-1',
  stepId: 'run:org/m|wasm|q4:fact-short:2',
  configKey: 'org/m|wasm|q4',
  description: 'org/m on WASM · prompt fact-short · repetition 2',
};

describe('breadcrumb storage', () => {
  it('writes, reads back and clears', () => {
    const storage = memoryStorage();
    expect(readBreadcrumb(storage)).toBeNull();
    writeBreadcrumb(storage, crumb);
    expect(readBreadcrumb(storage)).toEqual(crumb);
    clearBreadcrumb(storage);
    expect(storage.data.has(BREADCRUMB_KEY)).toBe(false);
  });

  it('ignores something else under its key', () => {
    const storage = memoryStorage();
    for (const junk of ['{not json', '42', '{"resultId":"x"}', 'null']) {
      storage.setItem(BREADCRUMB_KEY, junk);
      expect(readBreadcrumb(storage)).toBeNull();
    }
  });
});

describe('markCrashed', () => {
  const saved = assembleResult({
    createdAt: '2025-01-02T03:04:05.000Z',
    plan: plan(),
    environment,
    configurations: [
      configuration('webgpu', 'q4', [run(), run({ repetition: 2 })], {
        status: 'partial',
        error: 'Not all of its runs finished.',
      }),
      configuration('wasm', 'q4', [run()], { status: 'partial', error: 'Not all of its runs finished.' }),
    ],
    partial: true,
  });

  it('marks the configuration that was running as crashed, keeping its runs and the others', () => {
    const result = markCrashed(saved, crumb);
    expect(result.partial).toBe(true);
    expect(result.configurations.map((c) => [c.config.key, c.status, c.runs.length])).toEqual([
      ['org/m|webgpu|q4', 'partial', 2],
      ['org/m|wasm|q4', 'crashed', 1],
    ]);
    expect(result.configurations[1]?.error).toMatch(/stopped during "org\/m on WASM · prompt fact-short/);
    expect(result.summaries[1]?.countedRuns).toBe(1);
  });
});
