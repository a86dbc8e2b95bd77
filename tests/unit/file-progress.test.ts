import { describe, expect, it } from 'vitest';
import { applyFileEvent, applyPlan, overallProgress, type FileProgress } from '../../src/lib/file-progress';

const plan = [
  { file: 'config.json', size: 400 },
  { file: 'tokenizer.json', size: 600 },
  { file: 'onnx/model.onnx', size: 9000 },
];
const progress = (file: string, loaded: number, total: number) =>
  ({ kind: 'file', file, loaded, total, done: false }) as const;
const done = (file: string) => ({ kind: 'file', file, loaded: -1, total: -1, done: true }) as const;

describe('the overall load bar', () => {
  it('says nothing about a total before the plan', () => {
    const files: FileProgress[] = [];
    applyFileEvent(files, progress('config.json', 400, 400));
    expect(overallProgress(null, files)).toMatchObject({ planned: false, total: 0, fraction: 0 });
  });

  it('counts every planned file from the start, and lists them all at once', () => {
    const files: FileProgress[] = [];
    applyPlan(files, plan);
    expect(files.map((f) => [f.file, f.total])).toEqual(plan.map((p) => [p.file, p.size]));
    applyFileEvent(files, progress('config.json', 400, 400));
    applyFileEvent(files, done('config.json'));
    applyFileEvent(files, progress('tokenizer.json', 600, 600));
    applyFileEvent(files, done('tokenizer.json'));
    // The small files are read, the weights not yet: far from full, whatever the small files say.
    expect(overallProgress(plan, files)).toMatchObject({ total: 10_000, loaded: 1000, fraction: 0.1 });
  });

  it('never goes backwards when a download starts over, and is full only when every file is read', () => {
    const files: FileProgress[] = [];
    applyPlan(files, plan);
    const fractions: number[] = [];
    const step = (event: Parameters<typeof applyFileEvent>[1]) => {
      applyFileEvent(files, event);
      fractions.push(overallProgress(plan, files).fraction);
    };
    step(progress('onnx/model.onnx', 6000, 9000));
    step(progress('onnx/model.onnx', 1000, 9000)); // restarted from its first byte
    step(progress('onnx/model.onnx', 9000, 9000));
    step(done('onnx/model.onnx'));
    step(done('config.json'));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeLessThan(1); // tokenizer.json is not read yet
    step(done('tokenizer.json'));
    expect(overallProgress(plan, files)).toMatchObject({ fraction: 1, complete: true });
  });

  it('says how many files have no known size, and keeps a compressed answer from zeroing the size', () => {
    const unsized = [...plan.slice(0, 2), { file: 'onnx/model.onnx', size: null }];
    const files: FileProgress[] = [];
    applyPlan(files, unsized);
    applyFileEvent(files, done('config.json'));
    applyFileEvent(files, done('tokenizer.json'));
    expect(overallProgress(unsized, files)).toMatchObject({
      unknownLeft: 1,
      fraction: 0.99,
      complete: false,
    });
    applyFileEvent(files, progress('tokenizer.json', 10, 0));
    expect(files.find((f) => f.file === 'tokenizer.json')?.total).toBe(600);
  });
});
