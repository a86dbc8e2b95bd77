// @vitest-environment node
// The generated test model: deterministic bytes, the ONNX contract transformers.js expects, and real runs
// in onnxruntime-web's WASM backend (KV cache + causal mask), with inline and external weights.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnx } from '../../scripts/test-model/onnx-graph.js';
import { PRESETS, STEMS, type Dtype, type Qwen2Shape } from '../../scripts/test-model/qwen2-graph.js';
import { ln, Rng } from '../../scripts/test-model/random.js';
import { CHAT_TEMPLATE, SPECIAL_TOKENS } from '../../scripts/test-model/tokenizer-files.js';
import { writeTestModel } from '../../scripts/test-model/write-model.js';

const DTYPES: Dtype[] = ['fp32', 'q4', 'q8'];
const tiny = PRESETS.tiny;
let root = '';
const dir = (name: string) => join(root, name);
// The decoded fields this file reads; toObject turns int64 Longs into numbers and always fills arrays.
type KeyValue = { key: string; value: string };
type Tensor = {
  name: string;
  dims: number[];
  rawData: Uint8Array;
  dataLocation?: number;
  externalData: KeyValue[];
};
type NodeInfo = {
  opType: string;
  domain?: string;
  input: string[];
  attribute: { name: string; i: number }[];
};
type Dims = { dim: { dimValue?: number; dimParam?: string }[] };
type ValueInfo = { name: string; type: { tensorType: { elemType: number; shape: Dims } } };
type Graph = { node: NodeInfo[]; initializer: Tensor[]; input: ValueInfo[]; output: ValueInfo[] };
type Model = { irVersion: number; opsetImport: { domain: string; version: number }[]; graph: Graph };
const load = (d: string, dtype: Dtype): Model => {
  const m = onnx.ModelProto.decode(readFileSync(join(d, 'onnx', `${STEMS[dtype]}.onnx`)));
  return onnx.ModelProto.toObject(m, { longs: Number, arrays: true }) as Model;
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'test-model-'));
  ort.env.wasm.numThreads = 1; // no worker threads inside the test runner
  writeTestModel(dir('a'), { dtypes: DTYPES, seed: 0 });
  writeTestModel(dir('b'), { dtypes: DTYPES, seed: 0 });
  writeTestModel(dir('c'), { dtypes: ['fp32'], seed: 1 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const filesIn = (d: string) =>
  readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

describe('determinism', () => {
  it('the same seed gives byte-identical files', () => {
    const names = filesIn(dir('a')).map((e) => join(e.parentPath, e.name).slice(dir('a').length));
    const onnxFiles = ['model', 'model_q4', 'model_quantized'].map((stem) => `/onnx/${stem}.onnx`);
    const jsonFiles = ['config', 'generation_config', 'tokenizer', 'tokenizer_config'].map(
      (f) => `/${f}.json`,
    );
    expect(names.sort()).toEqual([...jsonFiles.slice(0, 2), ...onnxFiles, ...jsonFiles.slice(2)]);
    for (const n of names)
      expect(readFileSync(dir('b') + n).equals(readFileSync(dir('a') + n)), n).toBe(true);
  });

  it('a different seed gives different weights and the same graph', () => {
    const [a, c] = [load(dir('a'), 'fp32'), load(dir('c'), 'fp32')];
    const embed = (m: Model) =>
      Buffer.from(m.graph.initializer.find((t) => t.name === 'embed_tokens')!.rawData);
    expect(embed(a).equals(embed(c))).toBe(false);
    expect(c.graph.node.map((n) => n.opType)).toEqual(a.graph.node.map((n) => n.opType));
  });
});

describe('random', () => {
  it('keeps its stream (these numbers are part of every generated file) and its distributions', () => {
    const r = new Rng(0);
    expect([r.nextU32(), r.nextU32(), r.nextU32()]).toEqual([3809008728, 1133695204, 53579671]);
    expect(Array.from(new Rng(0).normals(2))).toEqual([0.5353395342826843, -0.3266402781009674]);
    const n = new Rng(9).normals(200_000);
    const mean = n.reduce((a, x) => a + x, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(n.reduce((a, x) => a + x * x, 0) / n.length - 1)).toBeLessThan(0.01);
    expect(Math.max(...new Rng(1).uints(10_000, 4))).toBe(15);
    for (const x of [1e-300, 1e-9, 0.3, 1, 1.5, 2, 1e9]) expect(ln(x)).toBeCloseTo(Math.log(x), 12);
    expect(() => new Rng(-1)).toThrow(RangeError);
  });
});

describe('ONNX contract', () => {
  const io = (vs: ValueInfo[]) =>
    vs.map((v) => [v.name, ...v.type.tensorType.shape.dim.map((d) => d.dimParam ?? d.dimValue)]);
  const kv = (prefix: string, len: string) =>
    [0, 1].flatMap((l) => ['key', 'value'].map((k) => [`${prefix}.${l}.${k}`, 'batch_size', 2, len, 16]));

  it.each(DTYPES)('%s has the inputs, outputs and opsets transformers.js expects', (dtype) => {
    const m = load(dir('a'), dtype);
    expect(m.irVersion).toBe(8);
    expect(m.opsetImport.map((o) => [o.domain, o.version])).toEqual([
      ['', 17],
      ['com.microsoft', 1],
    ]);
    expect(io(m.graph.input)).toEqual([
      ['input_ids', 'batch_size', 'sequence_length'],
      ['attention_mask', 'batch_size', 'total_sequence_length'],
      ['position_ids', 'batch_size', 'sequence_length'],
      ...kv('past_key_values', 'past_sequence_length'),
    ]);
    expect(io(m.graph.output)).toEqual([
      ['logits', 'batch_size', 'sequence_length', 320],
      ...kv('present', 'total_sequence_length'),
    ]);
    const { INT64, FLOAT } = onnx.TensorProto.DataType;
    const types = [...m.graph.input, ...m.graph.output].map((v) => v.type.tensorType.elemType);
    expect(types).toEqual([INT64, INT64, INT64, ...Array<number>(9).fill(FLOAT)]);
  });

  it('q4 uses MatMulNBits (4-bit, block 32) and q8 uses MatMulInteger for all 15 linear layers', () => {
    const model = (dtype: Dtype) => load(dir('a'), dtype).graph;
    const count = (dtype: Dtype, op: string) => model(dtype).node.filter((n) => n.opType === op).length;
    const q4 = model('q4');
    const nbits = q4.node.filter((n) => n.opType === 'MatMulNBits');
    expect(nbits).toHaveLength(7 * tiny.layers + 1);
    for (const n of nbits) {
      const attrs = Object.fromEntries(n.attribute.map((a) => [a.name, a.i]));
      expect(n.domain).toBe('com.microsoft');
      expect(Object.keys(attrs).sort()).toEqual(['K', 'N', 'accuracy_level', 'bits', 'block_size']);
      expect([attrs.bits, attrs.block_size, attrs.accuracy_level]).toEqual([4, 32, 4]);
      const [packed, scales] = n.input.slice(1).map((name) => q4.initializer.find((t) => t.name === name)!);
      const blocks = Math.ceil(attrs.K! / 32);
      expect(packed!.dims).toEqual([attrs.N, blocks, 16]);
      expect(scales!.dims).toEqual([attrs.N! * blocks]);
      expect(n.input).toHaveLength(3); // no zero points: MatMulNBits then uses 8
    }
    expect(Object.fromEntries(nbits.at(-1)!.attribute.map((a) => [a.name, a.i]))).toMatchObject({
      K: 64,
      N: 320,
    });
    expect([count('q8', 'MatMulInteger'), count('q8', 'DynamicQuantizeLinear')]).toEqual([15, 15]);
    const absent: [Dtype, string][] = [
      ['fp32', 'MatMulNBits'],
      ['fp32', 'MatMulInteger'],
      ['q4', 'MatMulInteger'],
      ['q8', 'MatMulNBits'],
    ];
    for (const [dtype, op] of absent) expect(count(dtype, op), `${dtype} ${op}`).toBe(0);
    expect(count('fp32', 'MatMul')).toBe(15 + 2 * tiny.layers); // linear layers + the two attention matmuls
  });
});

type Feeds = Record<string, ort.Tensor>;
const i64 = (v: number[]) => new ort.Tensor('int64', BigInt64Array.from(v.map(BigInt)), [1, v.length]);

/** Runs `ids` after a cache of `past` tokens; returns logits and the presents renamed as next-step past. */
async function step(s: ort.InferenceSession, shape: Qwen2Shape, ids: number[], past: Feeds | null) {
  const pastLen = past ? past['past_key_values.0.key']!.dims[2]! : 0;
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, shape.kvHeads, 0, shape.headDim]);
  const feeds: Feeds = {
    input_ids: i64(ids),
    attention_mask: i64(Array<number>(pastLen + ids.length).fill(1)),
    position_ids: i64(ids.map((_, i) => pastLen + i)),
  };
  for (let l = 0; l < shape.layers; l++)
    for (const kind of ['key', 'value'])
      feeds[`past_key_values.${l}.${kind}`] = past?.[`past_key_values.${l}.${kind}`] ?? empty;
  const out = await s.run(feeds);
  const next: Feeds = {};
  for (const [name, t] of Object.entries(out))
    if (name.startsWith('present.')) next[name.replace('present.', 'past_key_values.')] = t;
  return { logits: out.logits!, past: next };
}

const lastRow = (t: ort.Tensor) => (t.data as Float32Array).slice(-t.dims[2]!);
const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
const argmax = (a: Float32Array) => a.indexOf(Math.max(...a));

describe('runs in onnxruntime-web (WASM, Node)', () => {
  // q8 quantises activations per tensor, so a 1-token step and a 4-token prefill see different ranges.
  const tolerance: Record<Dtype, number> = { fp32: 1e-4, q4: 1e-3, q8: 0.5 };

  it.each(DTYPES)('%s: prefill shapes, and a cached step equals the full sequence', async (dtype) => {
    const s = await ort.InferenceSession.create(join(dir('a'), 'onnx', `${STEMS[dtype]}.onnx`));
    const prefill = await step(s, tiny, [5, 17, 300], null);
    expect(prefill.logits.dims).toEqual([1, 3, 320]);
    for (const t of Object.values(prefill.past)) expect(t.dims).toEqual([1, 2, 3, 16]);
    for (const t of [prefill.logits, ...Object.values(prefill.past)])
      expect((t.data as Float32Array).every(Number.isFinite)).toBe(true);
    const cached = await step(s, tiny, [42], prefill.past);
    const full = await step(s, tiny, [5, 17, 300, 42], null);
    expect(cached.logits.dims).toEqual([1, 1, 320]);
    expect(maxDiff(lastRow(cached.logits), lastRow(full.logits))).toBeLessThan(tolerance[dtype]);
    if (dtype !== 'q8') expect(argmax(lastRow(cached.logits))).toBe(argmax(lastRow(full.logits)));
    // The cache carries information: another cached prefix changes the logits by far more than the tolerance.
    const other = await step(s, tiny, [42], (await step(s, tiny, [6, 17, 300], null)).past);
    expect(maxDiff(lastRow(other.logits), lastRow(full.logits))).toBeGreaterThan(1);
    // Causal mask: the first three positions of the full run cannot see token 42, so they equal the prefill.
    const firstRows = (full.logits.data as Float32Array).slice(0, prefill.logits.data.length);
    expect(maxDiff(firstRows, prefill.logits.data as Float32Array)).toBeLessThan(tolerance[dtype]);
    await s.release();
  });
});

// transformers.js's Node build runs on onnxruntime-node, whose npm package ships prebuilt binaries for a few
// platforms only; elsewhere this check cannot run (the WASM tests above still do).
const nativeOrt = existsSync(`node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}`);

describe('transformers.js', () => {
  it.skipIf(!nativeOrt)(
    'loads it as qwen2 and greedy ids agree with a KV-cached loop in ORT WASM',
    async () => {
      const { AutoModelForCausalLM, AutoTokenizer, env } = await import('@huggingface/transformers');
      env.allowRemoteModels = false;
      env.localModelPath = root;
      const tokenizer = await AutoTokenizer.from_pretrained('a');
      const prompt = tokenizer.apply_chat_template([{ role: 'user', content: 'the cat' }], {
        tokenize: false,
        add_generation_prompt: true,
      }) as string;
      expect(prompt).toBe('<|im_start|>user\nthe cat<|im_end|>\n<|im_start|>assistant\n');
      const ids = tokenizer.encode(prompt);
      expect(tokenizer.decode(ids)).toBe(prompt);
      const model = await AutoModelForCausalLM.from_pretrained('a', { device: 'cpu', dtype: 'fp32' });
      expect(model.config.model_type).toBe('qwen2');
      const inputs = tokenizer(prompt);
      const generated = (await model.generate({ ...inputs, max_new_tokens: 8, do_sample: false })) as {
        tolist(): bigint[][];
      };
      await model.dispose();

      const s = await ort.InferenceSession.create(join(dir('a'), 'onnx', 'model.onnx'));
      const greedy = [...ids];
      let last = await step(s, tiny, ids, null);
      for (let i = 0; i < 8; i++) {
        const next = argmax(lastRow(last.logits));
        greedy.push(next);
        if (next === 318 || next === 317) break; // generation_config's eos ids
        if (i < 7) last = await step(s, tiny, [next], last.past);
      }
      await s.release();
      expect(generated.tolist()[0]!.map(Number)).toEqual(greedy);
    },
  );
});

describe('tokenizer files', () => {
  it('tokenizer.json has 320 ids with the specials last, and tokenizer_config has the chat template', () => {
    const tok = JSON.parse(readFileSync(join(dir('a'), 'tokenizer.json'), 'utf8'));
    const vocab: Record<string, number> = tok.model.vocab;
    const ids = [...Object.values(vocab), ...tok.added_tokens.map((t: { id: number }) => t.id)].sort(
      (x, y) => x - y,
    );
    expect(ids).toEqual(Array.from({ length: 320 }, (_, i) => i));
    expect(tok.added_tokens.map((t: { content: string; id: number }) => [t.content, t.id])).toEqual(
      SPECIAL_TOKENS.map((s, i) => [s, 317 + i]),
    );
    expect(vocab['Ġ']).toBe(32); // GPT-2 byte map: space is 'Ġ', at its byte value
    expect(vocab['Ġthe']).toBe(259);
    expect(tok.model.merges).toHaveLength(14);
    const config = JSON.parse(readFileSync(join(dir('a'), 'tokenizer_config.json'), 'utf8'));
    expect(config.chat_template).toBe(CHAT_TEMPLATE);
    expect(config.chat_template).toContain(String.raw`'<|im_start|>' + message['role'] + '\n'`);
    const model = JSON.parse(readFileSync(join(dir('a'), 'config.json'), 'utf8'));
    const { model_type, vocab_size, eos_token_id, bos_token_id } = model;
    expect({ model_type, vocab_size, eos_token_id, bos_token_id }).toEqual({
      model_type: 'qwen2',
      vocab_size: 320,
      eos_token_id: 318,
      bos_token_id: 317,
    });
  });
});

describe('external data', () => {
  const shape = { vocab: 260, hidden: 32, layers: 1, heads: 2, kvHeads: 1, headDim: 16, intermediate: 64 };
  const opts = { preset: shape, dtypes: ['fp32', 'q8'] as Dtype[], seed: 3 };

  it('writes aligned, non-overlapping tensors that ORT loads with the same results as inline weights', async () => {
    const ext = writeTestModel(dir('ext'), { ...opts, externalData: true });
    writeTestModel(dir('inline'), { ...opts, externalData: false });
    expect(ext.files.map((f) => f.path)).toContain('onnx/model_quantized.onnx_data');
    for (const dtype of ['fp32', 'q8'] as const) {
      const dataPath = join(dir('ext'), 'onnx', `${STEMS[dtype]}.onnx_data`);
      const data = readFileSync(dataPath);
      const inline = new Map(
        load(dir('inline'), dtype).graph.initializer.map((t) => [t.name, Buffer.from(t.rawData)]),
      );
      let end = 0;
      let external = 0;
      for (const t of load(dir('ext'), dtype).graph.initializer) {
        if (t.dataLocation !== onnx.TensorProto.DataLocation.EXTERNAL) {
          expect(t.rawData.length, t.name).toBeLessThan(1024); // onnx's default threshold
          continue;
        }
        const e = Object.fromEntries(t.externalData.map((kv) => [kv.key, kv.value]));
        const [offset, length] = [Number(e.offset), Number(e.length)];
        expect(e.location).toBe(`${STEMS[dtype]}.onnx_data`);
        expect(offset % 4096, t.name).toBe(0);
        expect(offset - end).toBeGreaterThanOrEqual(0); // in file order, no overlap
        expect(offset - end).toBeLessThan(4096); // only alignment padding between tensors
        expect(data.subarray(offset, offset + length).equals(inline.get(t.name)!), t.name).toBe(true);
        end = offset + length;
        external++;
      }
      expect(end).toBe(data.length);
      expect(external).toBeGreaterThan(5);

      // onnxruntime-web never reads the data file by itself, even in Node: it must be passed as externalData.
      const location = `${STEMS[dtype]}.onnx_data`;
      const s = await ort.InferenceSession.create(join(dir('ext'), 'onnx', `${STEMS[dtype]}.onnx`), {
        externalData: [{ path: location, data: dataPath }],
      });
      const r = await ort.InferenceSession.create(join(dir('inline'), 'onnx', `${STEMS[dtype]}.onnx`));
      const [a, b] = [await step(s, shape, [1, 2, 3], null), await step(r, shape, [1, 2, 3], null)];
      expect(a.logits.dims).toEqual([1, 3, 260]);
      expect(Array.from(a.logits.data as Float32Array)).toEqual(Array.from(b.logits.data as Float32Array));
      await Promise.all([s.release(), r.release()]);
    }
  });
});

describe('make-test-model CLI', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-test-model.ts', ...args], {
      encoding: 'utf8',
    });

  it('prints usage and exits 2 on a bad flag, without a stack trace', () => {
    for (const args of [
      ['--bogus', dir('cli')],
      [dir('cli'), '--dtypes', 'fp16'],
    ]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: tsx scripts/make-test-model.ts OUT_DIR');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('writes the tiny model with a one-line summary', () => {
    const r = cli(dir('cli'), '--dtypes', 'q8', '--seed', '7');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('onnx/model_quantized.onnx');
    expect(readFileSync(join(dir('cli'), 'onnx', 'model_quantized.onnx')).length).toBeGreaterThan(100_000);
  });
});
