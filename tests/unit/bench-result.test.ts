import { describe, expect, it } from 'vitest';
import {
  toCsv,
  toJson,
  toMarkdown,
  validateResult,
  type BenchResult,
} from '../../workers/bench/result-schema';
import { assembleResult } from '../../workers/bench/summarize';
import { configuration, environment, plan, run } from './bench-fixtures';

function sample(over: Partial<BenchResult> = {}): BenchResult {
  const gpu = configuration('webgpu', 'q4', [
    run({ decodeTokensPerSecond: 40, ttftMs: 100, memory: { jsHeapBytes: 5_000_000 } }),
    run({ repetition: 2, decodeTokensPerSecond: 44, ttftMs: 90 }),
    run({ repetition: 3, decodeTokensPerSecond: 36, ttftMs: 110, hidden: true }),
  ]);
  const wasm = configuration('wasm', 'q4', [
    run({ ttftMs: 300, decodeTokensPerSecond: null, tpotP50Ms: null }),
    run({ repetition: 2, decodeTokensPerSecond: 22, ttftMs: 270 }),
  ]);
  const result = assembleResult({
    createdAt: '2025-01-02T03:04:05.000Z',
    plan: plan(),
    environment,
    configurations: [gpu, wasm],
  });
  return { ...result, ...over };
}

/** A deep copy to break on purpose. */
const broken = (): Record<string, unknown> & { configurations: { runs: Record<string, unknown>[] }[] } =>
  JSON.parse(toJson(sample()));

describe('toJson and validateResult', () => {
  it('round-trips: export, parse and validate give back an equal result', () => {
    const original = sample();
    const parsed: unknown = JSON.parse(toJson(original));
    const checked = validateResult(parsed);
    expect(checked).toEqual({ ok: true, value: original });
  });

  it('names each broken field in readable words', () => {
    const file = broken();
    delete file.createdAt;
    file.schemaVersion = 0;
    const runs = file.configurations[0]?.runs ?? [];
    Object.assign(runs[1] ?? {}, { ttftMs: 'fast', hidden: 'no' });
    Object.assign(file.configurations[1] ?? {}, { status: 'exploded' });
    expect(validateResult(file)).toEqual({
      ok: false,
      errors: [
        'schemaVersion: expected a result schema version from 1 to 2, got 0',
        'createdAt: missing',
        'configurations[0].runs[1].ttftMs: expected a positive number, got "fast"',
        'configurations[0].runs[1].hidden: expected true or false, got "no"',
        'configurations[1].status: expected one of "ok", "unavailable", "crashed", "partial", "failed", got "exploded"',
      ],
    });
  });

  it('refuses a file that is not a result at all, and caps the list of errors', () => {
    expect(validateResult(null)).toEqual({ ok: false, errors: ['the file: expected an object, got null'] });
    expect(validateResult([])).toEqual({ ok: false, errors: ['the file: expected an object, got a list'] });
    const file = broken();
    const runs = file.configurations[0]?.runs ?? [];
    for (let i = 0; i < 60; i++) runs.push({ ...runs[0], ttftMs: null });
    const checked = validateResult(file);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors).toHaveLength(51);
      expect(checked.errors.at(-1)).toBe('…and 10 more');
    }
  });

  it('checks optional fields when they are present', () => {
    const file = broken();
    Object.assign(file.configurations[0]?.runs[0] ?? {}, { memory: { jsHeapBytes: 'lots' } });
    expect(validateResult(file)).toEqual({
      ok: false,
      errors: ['configurations[0].runs[0].memory.jsHeapBytes: expected a number ≥ 0, got "lots"'],
    });
  });
});

describe('toCsv', () => {
  it('writes a header and one CRLF-terminated row per run, hidden ones included', () => {
    const lines = toCsv(sample()).split('\r\n');
    expect(lines).toHaveLength(5 + 1 + 1); // header, 5 runs, and the empty string after the last CRLF
    expect(lines[0]).toBe(
      'configKey,modelId,backend,dtype,status,promptId,repetition,hidden,ttftMs,prefillTokensPerSecond,' +
        'decodeTokensPerSecond,tpotP50Ms,tpotP95Ms,endToEndMs,promptTokens,newTokens,jsHeapBytes,' +
        'wasmHeapBytes,tokenIds',
    );
    expect(lines[1]).toBe(
      'org/m|webgpu|q4,org/m,webgpu,q4,ok,fact-short,1,false,100,200,40,25,30,1700,20,64,5000000,,1 2 3',
    );
    expect(lines[3]).toContain(',3,true,');
    expect(lines[4]).toBe(
      'org/m|wasm|q4,org/m,wasm,q4,ok,fact-short,1,false,300,200,,,30,1700,20,64,,,1 2 3',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('quotes fields with commas, quotes or line breaks (RFC 4180)', () => {
    const r = sample();
    const first = r.configurations[0];
    if (first) first.runs = [run({ promptId: 'say "hi", then\nleave' })];
    expect(toCsv(r).split('\r\n')[1]).toContain(',ok,"say ""hi"", then\nleave",1,');
  });
});

describe('toMarkdown', () => {
  it('shows a row per configuration and the WebGPU ÷ WASM ratio with its interval', () => {
    const md = toMarkdown(sample());
    // WebGPU decode median of the counted runs 40 and 44 is 42; WASM has only 22 (the other is null).
    expect(md).toContain('| org/m | webgpu | q4 | ok | 2 | 42.0 | 95 |');
    expect(md).toContain('| org/m | wasm | q4 | ok | 2 | 22.0 | 285 |');
    // Decode has one pair (rep 2: 44 / 22), so it uses medians: 42 / 22 = 1.91, with no interval as WASM
    // has one value. TTFT has two pairs, 300 / 100 and 270 / 90, both exactly 3.
    expect(md).toContain(
      '| org/m | q4 | q4 | 1.91× (no interval: 2 and 1 run, medians) | 3.00× (95% 3.00–3.00, 2 pairs) | 1/1 |',
    );
    expect(md).toContain('- WebGPU: acme rdna9 (shader-f16: yes)');
    expect(md).not.toContain('Partial result');
  });

  it('flags a partial result and keeps table cells intact', () => {
    const r = sample({ partial: true });
    const first = r.configurations[0];
    if (first) Object.assign(first, { status: 'crashed', error: 'GPU device lost | reason: oom\nagain' });
    const md = toMarkdown(r);
    expect(md).toContain('> **Partial result**');
    expect(md).toContain('| crashed: GPU device lost \\| reason: oom again |');
  });
});
