import { describe, expect, it } from 'vitest';
import { parseResultFile } from '../../src/lib/bench/import-result';
import { prepareRun } from '../../src/lib/bench/prepare';
import { watchHidden, type VisibilitySource } from '../../src/lib/bench/visibility';
import { toJson } from '../../workers/bench/result-export';
import { validateResult } from '../../workers/bench/result-validate';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

function fakeDocument(state: DocumentVisibilityState) {
  const target = new EventTarget();
  const doc = {
    visibilityState: state,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    set(next: DocumentVisibilityState) {
      doc.visibilityState = next;
      target.dispatchEvent(new Event('visibilitychange'));
    },
  };
  return doc;
}

describe('watchHidden', () => {
  it('reports a tab hidden at any moment of the watch, even if visible again by the end', () => {
    const doc = fakeDocument('visible');
    const quiet = watchHidden(doc as unknown as VisibilitySource);
    expect(quiet()).toBe(false);
    const flicker = watchHidden(doc as unknown as VisibilitySource);
    doc.set('hidden');
    doc.set('visible');
    expect(flicker()).toBe(true);
    expect(watchHidden(fakeDocument('hidden') as unknown as VisibilitySource)()).toBe(true);
  });
});

const saved = assembleResult({
  createdAt: '2025-01-02T03:04:05.000Z',
  plan: plan(),
  environment: {
    ...environment,
    loaded: [
      {
        configKey: 'org/m|wasm|q4',
        modelId: 'org/m',
        requestedBackend: 'wasm',
        actualBackend: 'wasm',
        dtype: 'q4',
        ortBuild: 'plain',
        wasmThreads: 4,
        files: [{ file: 'onnx/model_q4.onnx', bytes: 1234 }],
      },
    ],
  },
  configurations: [configuration('wasm', 'q4', [run({ memory: { jsHeapBytes: 1, userAgentBytes: 2 } })])],
});

describe('parseResultFile', () => {
  it('reads back an exported result, with what ran and memory readings', () => {
    const parsed = parseResultFile(toJson(saved));
    expect(parsed).toEqual({ ok: true, value: saved });
  });

  it('explains a file that is not JSON, or not a result', () => {
    const notJson = parseResultFile('{oops');
    expect(notJson.ok ? [] : notJson.errors).toEqual([expect.stringMatching(/^This file is not JSON/)]);
    const wrong = parseResultFile(JSON.stringify({ ...saved, partial: 'no' }));
    expect(wrong.ok ? [] : wrong.errors).toEqual(['partial: expected true or false, got "no"']);
  });

  it('checks what ran, field by field', () => {
    const bad = JSON.parse(toJson(saved));
    bad.environment.loaded[0].actualBackend = 'cuda';
    bad.environment.loaded[0].files[0].bytes = -1;
    bad.configurations[0].runs[0].memory.userAgentBytes = 'lots';
    const checked = validateResult(bad);
    expect(checked.ok ? [] : checked.errors).toEqual([
      'environment.loaded[0].actualBackend: expected one of "webgpu", "wasm", got "cuda"',
      'environment.loaded[0].files[0].bytes: expected a whole number ≥ 0, got -1',
      'configurations[0].runs[0].memory.userAgentBytes: expected a number ≥ 0, got "lots"',
    ]);
  });
});

describe('prepareRun', () => {
  it('expands, schedules and names a session from the plan and the device', () => {
    const p = plan({ promptIds: ['fact-short'], repetitions: 1, warmupRuns: 0 });
    const noGpu = { webgpu: { ...environment.capabilities.webgpu, available: false, reason: 'none' } };
    const prepared = prepareRun(p, noGpu, Date.UTC(2025, 0, 2));
    expect(prepared).toMatchObject({
      id: `bench-${Date.UTC(2025, 0, 2)}`,
      createdAt: '2025-01-02T00:00:00.000Z',
    });
    expect(prepared.configs.map((c) => c.unavailable === null)).toEqual([false, true]);
    expect(prepared.steps.map((s) => s.id)).toEqual([
      'load:org/m|wasm|q4',
      'run:org/m|wasm|q4:fact-short:1',
      'dispose:org/m|wasm|q4',
    ]);
    expect([...prepared.prompts.keys()]).toEqual(['fact-short']);
  });
});
