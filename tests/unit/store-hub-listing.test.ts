import { describe, expect, it } from 'vitest';
import { listingUrl, parseListing } from '../../workers/store/hub-listing';
import { WholeFileCheck } from '../../workers/store/whole-file-check';

const hello = new TextEncoder().encode('hello\n');
// Known digests of "hello\n": `git hash-object --stdin` and `sha256sum`.
const GIT_OID = 'ce013625030ba8dba906f756967f9e9ca394464a';
const SHA256 = '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03';

describe("the hub's file listing", () => {
  it('is found beside the file, on the same host and base path', () => {
    expect(
      listingUrl(
        'https://huggingface.co/onnx-community/Q/resolve/main/onnx/model_q4.onnx',
        'onnx-community/Q',
        'main',
        'onnx/model_q4.onnx',
      ),
    ).toBe('https://huggingface.co/api/models/onnx-community/Q/tree/main/onnx');
    expect(
      listingUrl('http://127.0.0.1:9/base/a/b/resolve/v1.0/config.json', 'a/b', 'v1.0', 'config.json'),
    ).toBe('http://127.0.0.1:9/base/api/models/a/b/tree/v1.0');
  });

  it('keeps only well-formed entries and digests', () => {
    const files = parseListing([
      { type: 'file', path: 'config.json', size: 6, oid: GIT_OID.toUpperCase() },
      { type: 'file', path: 'onnx/model.onnx', size: 6, oid: 'x', lfs: { oid: `sha256:${SHA256}`, size: 6 } },
      { type: 'file', path: 'onnx/bad.onnx', size: 6, lfs: { oid: 'not-a-hash' } },
      { type: 'directory', path: 'onnx' },
      { type: 'file', path: 'neg', size: -1 },
      'junk',
      null,
    ]);
    expect([...files.entries()]).toEqual([
      ['config.json', { size: 6, gitOid: GIT_OID, sha256: undefined }],
      ['onnx/model.onnx', { size: 6, sha256: SHA256, gitOid: undefined }],
      ['onnx/bad.onnx', { size: 6, sha256: undefined, gitOid: undefined }],
    ]);
    expect(parseListing({ error: 'not found' }).size).toBe(0);
  });
});

describe('checking a whole file as it streams', () => {
  const run = async (expected: Parameters<typeof WholeFileCheck.create>[1], parts: Uint8Array[]) => {
    const check = await WholeFileCheck.create('f', expected);
    for (const part of parts) check!.update(part);
    return check!.finish()?.message ?? null;
  };

  it('accepts the file the hub lists, by SHA-256 or by git blob id, whatever the pieces', async () => {
    expect(await run({ size: 6, sha256: SHA256 }, [hello.subarray(0, 2), hello.subarray(2)])).toBeNull();
    expect(await run({ size: 6, gitOid: GIT_OID }, [hello])).toBeNull();
    expect(await WholeFileCheck.create('f', { size: 6 })).toBeNull();
  });

  it('refuses another file, or one of another size', async () => {
    const other = new TextEncoder().encode('hellO\n');
    expect(await run({ size: 6, sha256: SHA256 }, [other])).toMatch(/does not match the SHA-256/);
    expect(await run({ size: 6, gitOid: GIT_OID }, [other])).toMatch(/does not match the git hash/);
    expect(await run({ size: 7, sha256: SHA256 }, [hello])).toMatch(/does not match the size \(7 bytes\)/);
  });
});
