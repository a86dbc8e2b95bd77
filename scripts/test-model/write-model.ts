// Writes a complete transformers.js model folder (config, tokenizer, one ONNX file per dtype) to disk.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeModel } from './onnx-graph.js';
import {
  buildQwen2,
  checkShape,
  PRESETS,
  STEMS,
  type Dtype,
  type PresetName,
  type Qwen2Shape,
} from './qwen2-graph.js';
import { Rng } from './random.js';
import { configJson, generationConfigJson, tokenizerConfigJson, tokenizerJson } from './tokenizer-files.js';

/** Weights above this many bytes go to onnx/<stem>.onnx_data even unasked: the reference puts every
 * qwen2.5-0.5b file there (q4 is ~850 MB), and a browser must hold an inline model in one ArrayBuffer. */
export const AUTO_EXTERNAL_BYTES = 512 * 2 ** 20;

/** What to write: a preset name or a custom shape, the dtypes, the seed, and whether to use external data. */
export interface TestModelOptions {
  preset?: PresetName | Qwen2Shape;
  dtypes?: Dtype[];
  seed?: number;
  /** true: always, false: never, 'auto' (default): when the weights exceed AUTO_EXTERNAL_BYTES. */
  externalData?: boolean | 'auto';
}

/** One written file, relative to the output folder. */
export interface WrittenFile {
  path: string;
  bytes: number;
}

/** What writeTestModel wrote. */
export interface TestModelSummary {
  outDir: string;
  preset: string;
  shape: Qwen2Shape;
  seed: number;
  files: WrittenFile[];
  totalBytes: number;
  /** Number of initializer values per dtype (the count the reference prints). */
  values: Partial<Record<Dtype, number>>;
}

/** Writes config.json, generation_config.json, tokenizer.json, tokenizer_config.json and onnx/<stem>.onnx per dtype. */
export function writeTestModel(outDir: string, options: TestModelOptions = {}): TestModelSummary {
  const { preset = 'tiny', dtypes = ['fp32', 'q4'], seed = 0, externalData = 'auto' } = options;
  const shape = typeof preset === 'string' ? PRESETS[preset] : preset;
  // Fail before writing anything, so a bad call never leaves a half-written folder behind.
  if (!shape) throw new Error(`unknown preset: ${String(preset)}`);
  checkShape(shape);
  for (const d of dtypes) if (!Object.hasOwn(STEMS, d)) throw new Error(`unknown dtype: ${d}`);
  new Rng(seed); // throws on a bad seed
  mkdirSync(join(outDir, 'onnx'), { recursive: true });
  const files: WrittenFile[] = [];
  const write = (path: string, chunks: Uint8Array[]) =>
    files.push({ path, bytes: writeAtomic(join(outDir, path), chunks) });
  const json = (path: string, value: object, indent?: number) =>
    write(path, [new TextEncoder().encode(JSON.stringify(value, null, indent))]);

  json('config.json', configJson(shape), 1);
  json('generation_config.json', generationConfigJson(shape), 1);
  json('tokenizer.json', tokenizerJson(shape));
  json('tokenizer_config.json', tokenizerConfigJson(), 1);

  const values: TestModelSummary['values'] = {};
  for (const dtype of new Set(dtypes)) {
    // A fresh generator per dtype: a file's weights depend only on (shape, dtype, seed), not on the dtype list.
    const graph = buildQwen2(shape, dtype, new Rng(seed));
    values[dtype] = graph.valueCount();
    const stem = STEMS[dtype];
    const weightBytes = graph.initializers.reduce((n, t) => n + t.data.byteLength, 0);
    const external = externalData === 'auto' ? weightBytes > AUTO_EXTERNAL_BYTES : externalData;
    const encoded = encodeModel(graph, external ? { location: `${stem}.onnx_data` } : undefined);
    // A complete-looking .onnx must never point at missing or stale data: drop the old one first, then
    // write the data file, then the .onnx last.
    rmSync(join(outDir, 'onnx', `${stem}.onnx`), { force: true });
    if (encoded.data) write(`onnx/${stem}.onnx_data`, encoded.data);
    else rmSync(join(outDir, 'onnx', `${stem}.onnx_data`), { force: true });
    write(`onnx/${stem}.onnx`, [encoded.model]);
  }
  const label = typeof preset === 'string' ? preset : 'custom';
  const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
  return { outDir, preset: label, shape, seed, files, totalBytes, values };
}

/** Writes the chunks to `path` through a temporary name, so a crash never leaves a truncated file under `path`. */
function writeAtomic(path: string, chunks: Uint8Array[]): number {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    for (const chunk of chunks) {
      // writeSync may write less than asked, and one call cannot take more than 2 GiB.
      for (let done = 0; done < chunk.length;)
        done += writeSync(fd, chunk, done, Math.min(chunk.length - done, 1 << 30));
    }
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  return statSync(path).size;
}
