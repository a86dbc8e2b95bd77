import { describe, expect, it } from 'vitest';
import { dtypeOfFile, importName, importProblems, relativePaths } from '../../workers/store/import-check';
import { chunkKey, fileKeyOfChunk, fileRef } from '../../workers/store/keys';
import { chunkDigest, looksLikeHtml, upgraded } from '../../workers/store/manifest';

describe('store keys', () => {
  it('keys hub files by model, revision and path, and a mirror apart from the hub', () => {
    const ref = fileRef(
      'https://huggingface.co/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/onnx/model_q4f16.onnx',
    );
    expect(ref).toEqual({
      key: 'hub/onnx-community/Qwen2.5-0.5B-Instruct@main/onnx/model_q4f16.onnx',
      modelId: 'onnx-community/Qwen2.5-0.5B-Instruct',
      file: 'onnx/model_q4f16.onnx',
      origin: 'hub',
      revision: 'main',
    });
    // A mirror's file never answers for the hub's: the host is part of the key.
    expect(
      fileRef('https://hf-mirror.com/onnx-community/Qwen2.5-0.5B-Instruct/resolve/main/onnx/model_q4f16.onnx')
        ?.key,
    ).toBe('hub@hf-mirror.com/onnx-community/Qwen2.5-0.5B-Instruct@main/onnx/model_q4f16.onnx');
    expect(fileRef('http://HUGGINGFACE.co/a/b/resolve/main/config.json')?.key).toBe(
      'hub@huggingface.co/a/b@main/config.json',
    );
    expect(fileRef('https://huggingface.co/a/b/resolve/v1.0%2Bx/config.json?download=1')?.key).toBe(
      'hub/a/b@v1.0+x/config.json',
    );
  });

  it('keys local files without the app base path, so a moved site keeps its cache', () => {
    expect(fileRef('/models/selftest/onnx/model.onnx')?.key).toBe('local/selftest/onnx/model.onnx');
    expect(fileRef('https://example.github.io/some-repo/models/selftest/onnx/model.onnx')?.key).toBe(
      'local/selftest/onnx/model.onnx',
    );
    expect(fileRef('/models/imported/demo/config.json')).toMatchObject({
      modelId: 'imported/demo',
      file: 'config.json',
    });
  });

  it('ignores files that are not model files, and paths that climb out', () => {
    expect(fileRef('https://app.example/ort/ort-wasm-simd-threaded.wasm')).toBeNull();
    expect(fileRef('/assets/index.js')).toBeNull();
    expect(fileRef('/models/../secret/config.json')).toBeNull();
  });

  it('orders chunk keys and maps them back to their file', () => {
    expect(chunkKey('local/x/onnx/model.onnx', 12)).toBe('local/x/onnx/model.onnx#000012');
    expect(chunkKey('k', 2) < chunkKey('k', 10)).toBe(true);
    expect(fileKeyOfChunk('local/x/onnx/model.onnx#000012')).toBe('local/x/onnx/model.onnx');
    expect(looksLikeHtml('text/html; charset=utf-8')).toBe(true);
    expect(looksLikeHtml('application/json')).toBe(false);
  });
});

describe('import checks', () => {
  const blob = (text: string) => new Blob([text]);
  it('says exactly what is missing from a folder that is not a model', async () => {
    expect(await importProblems([{ path: 'config.json', blob: blob('{"a":1}') }])).toEqual([
      'config.json names no model_type',
      'tokenizer.json is missing',
      'there is no ONNX model in onnx/',
    ]);
    expect(await importProblems([{ path: 'config.json', blob: blob('{') }])).toContain(
      'config.json is not valid JSON',
    );
  });

  it('makes picked paths relative to the folder and drops hidden or climbing paths', () => {
    const picked = ['demo/config.json', 'demo/onnx/model.onnx', 'demo/.DS_Store'].map((path) => ({ path }));
    expect(relativePaths(picked).map((f) => f.path)).toEqual(['config.json', 'onnx/model.onnx']);
    expect(relativePaths([{ path: 'config.json' }, { path: 'onnx/../x' }]).map((f) => f.path)).toEqual([
      'config.json',
    ]);
  });

  it('names imports safely and reads precisions from file names', () => {
    expect(importName('  My Model (v2)/ ')).toBe('My-Model-v2');
    expect(importName('...')).toBe('model');
    expect(dtypeOfFile('onnx/model.onnx')).toBe('fp32');
    expect(dtypeOfFile('onnx/model_quantized.onnx')).toBe('q8');
    expect(dtypeOfFile('onnx/model_q4f16.onnx')).toBe('q4f16');
    expect(dtypeOfFile('tokenizer.json')).toBeNull();
  });
});

describe('chunk hashes', () => {
  const hello = new TextEncoder().encode('hello\n');
  it('hashes new chunks with XXH3 and reads stores written with SHA-256', async () => {
    const xxh3 = await chunkDigest('xxh3', hello);
    expect(xxh3).toMatch(/^[0-9a-f]{16}$/);
    expect(await chunkDigest('xxh3', new TextEncoder().encode('hellO\n'))).not.toBe(xxh3);
    // `sha256sum` of "hello\n".
    expect(await chunkDigest('sha256', hello)).toBe(
      '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
    );
    const old = { key: 'k', chunkSha256: ['ab'] } as unknown as Parameters<typeof upgraded>[0];
    expect(upgraded(old)).toMatchObject({ chunkHashes: ['ab'], chunkHash: 'sha256' });
  });
});
