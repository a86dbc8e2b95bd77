import { describe, expect, it } from 'vitest';
import { CATALOG, DEFAULT_MODEL_ID, SELF_TEST_ID, dtypesOf, findModel } from '../../src/lib/catalog';

describe('model catalog', () => {
  it('has the default model and the curated hub models, each with a real-looking hub id', () => {
    const ids = CATALOG.map((m) => m.id);
    expect(ids).toContain(DEFAULT_MODEL_ID);
    for (const id of [
      'HuggingFaceTB/SmolLM2-135M-Instruct',
      'HuggingFaceTB/SmolLM2-360M-Instruct',
      'onnx-community/Qwen3-0.6B-ONNX',
      'onnx-community/Llama-3.2-1B-Instruct',
    ]) {
      expect(ids).toContain(id);
    }
    for (const m of CATALOG.filter((m) => m.source === 'hub')) expect(m.id).toMatch(/^[\w-]+\/[\w.-]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('labels the bundled self-test model honestly as random weights', () => {
    const selfTest = findModel(SELF_TEST_ID);
    expect(selfTest.source).toBe('bundled');
    expect(selfTest.label).toMatch(/random weights/i);
    expect(dtypesOf(selfTest)).toEqual(['q4', 'fp32']);
  });

  it('lists precisions smallest-first and treats unknown ids as hub models', () => {
    expect(dtypesOf(findModel(DEFAULT_MODEL_ID))).toEqual(['q4f16', 'q4', 'q8', 'fp16']);
    const other = findModel('someone/SomeModel-ONNX');
    expect(other.source).toBe('hub');
    expect(other.label).toBe('someone/SomeModel-ONNX');
    expect(dtypesOf(other)).toContain('q8');
  });
});

describe('self-test model sizes', () => {
  it('match what the generator writes', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeTestModel } = await import('../../scripts/test-model/write-model');
    const dir = mkdtempSync(join(tmpdir(), 'selftest-'));
    try {
      const summary = writeTestModel(dir);
      const bytes = (path: string) => summary.files.find((f) => f.path === path)?.bytes;
      expect(findModel(SELF_TEST_ID).sizes).toEqual({
        q4: bytes('onnx/model_q4.onnx'),
        fp32: bytes('onnx/model.onnx'),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
