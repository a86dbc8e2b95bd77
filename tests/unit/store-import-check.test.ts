import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestModel } from '../../scripts/test-model/write-model';
import { importName, importProblems, type ImportFile } from '../../workers/store/import-check';
import { causalLmProblem, readOnnxHeader } from '../../workers/store/onnx-header';

/** Every file under a folder, as an import gets them. */
function folderFiles(dir: string): ImportFile[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) =>
      statSync(join(d, name)).isDirectory() ? walk(join(d, name)) : [join(d, name)],
    );
  return walk(dir).map((path) => ({ path: relative(dir, path), blob: new Blob([readFileSync(path)]) }));
}
const replace = (files: ImportFile[], path: string, blob: Blob | null) => [
  ...files.filter((f) => f.path !== path),
  ...(blob ? [{ path, blob }] : []),
];

describe('import checks on real model folders', () => {
  let dir: string;
  let inline: ImportFile[];
  let external: ImportFile[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-check-'));
    writeTestModel(join(dir, 'inline'), { dtypes: ['fp32'] });
    writeTestModel(join(dir, 'external'), { dtypes: ['fp32'], externalData: true });
    inline = folderFiles(join(dir, 'inline'));
    external = folderFiles(join(dir, 'external'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the generated model, inline and with external data', async () => {
    expect(await importProblems(inline)).toEqual([]);
    expect(await importProblems(external)).toEqual([]);
  });

  it('reads the graph inputs and outputs of a causal LM with a KV cache', async () => {
    const header = await readOnnxHeader(inline.find((f) => f.path === 'onnx/model.onnx')!.blob);
    expect(header.inputs.slice(0, 2)).toEqual(['input_ids', 'attention_mask']);
    expect(header.outputs[0]).toBe('logits');
    expect(header.inputs.filter((n) => n.startsWith('past_key_values.')).length).toBeGreaterThan(0);
    expect(causalLmProblem(header)).toBeNull();
    expect(causalLmProblem({ ...header, outputs: header.outputs.slice(1) })).toBe('it has no logits output');
  });

  it('refuses an empty or random ONNX file, naming it', async () => {
    const empty = replace(inline, 'onnx/model.onnx', new Blob([]));
    expect(await importProblems(empty)).toEqual(['onnx/model.onnx is not an ONNX model (the file is empty)']);
    const noise = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    const random = replace(inline, 'onnx/model.onnx', new Blob([noise]));
    const problems = await importProblems(random);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^onnx\/model\.onnx is not an ONNX model \(/);
  });

  it('refuses external weights that are missing or shorter than the graph needs', async () => {
    const data = external.find((f) => f.path.endsWith('.onnx_data'))!;
    expect(await importProblems(replace(external, data.path, null))).toEqual([
      `onnx/model.onnx keeps its weights in ${data.path}, which is missing`,
    ]);
    const short = replace(external, data.path, data.blob.slice(0, data.blob.size - 100));
    expect((await importProblems(short))[0]).toMatch(
      new RegExp(`^${data.path} has \\d+ bytes, but onnx/model.onnx needs \\d+`),
    );
  });

  it('asks the library about the model type and the tokenizer', async () => {
    const library = {
      supportsModelType: (t: string) => t === 'qwen2',
      tokenizerProblem: (json: object) => ('model' in json ? null : 'no model section'),
    };
    expect(await importProblems(inline, library)).toEqual([]);
    const bert = replace(inline, 'config.json', new Blob(['{"model_type":"bert"}']));
    expect(await importProblems(bert, library)).toEqual([
      'config.json: model_type "bert" is not a language model this app can run',
    ]);
    const broken = replace(inline, 'tokenizer.json', new Blob(['{"version":"1.0"}']));
    expect(await importProblems(broken, library)).toEqual(['tokenizer.json: no model section']);
  });
});

/** transformers.js's own check of model ids (not exported from its entry point). */
const LIBRARY_ID_CHECK = '../../node_modules/@huggingface/transformers/src/utils/hub/utils.js';

describe('import names', () => {
  it("turns any folder name, the app's own export included, into an id transformers.js accepts", async () => {
    const { isValidHfModelId } = (await import(LIBRARY_ID_CHECK)) as {
      isValidHfModelId(id: string): boolean;
    };
    const cases: [string, string][] = [
      ['onnx-community--Qwen2.5-0.5B-Instruct', 'onnx-community-Qwen2.5-0.5B-Instruct'],
      ['my.model.', 'my.model'],
      ['a..b', 'a.b'],
      ['__under_score__', 'under_score'],
      ['  My Model (v2)/ ', 'My-Model-v2'],
      ['repo.git', 'repo'],
      ['...', 'model'],
    ];
    for (const [raw, name] of cases) {
      expect(importName(raw)).toBe(name);
      expect(isValidHfModelId(`imported/${importName(raw)}`)).toBe(true);
    }
  });
});
