import { db } from './db';
import { fileKeyOfChunk } from './keys';
import { dtypeOfFile, importName, importProblems, relativePaths, type ImportFile } from './import-check';
import type { Manifest } from './manifest';
import { verifyEntry } from './reader';
import { ChunkWriter, StoreFullError } from './writer';
import type { Outcome, StoredModel } from '../protocol';

const modelKey = (m: Manifest) => `${m.origin}:${m.modelId}`;

/** Every cached model with its files, size on disk and last use, newest first. */
export async function listModels(): Promise<StoredModel[]> {
  const groups = new Map<string, Manifest[]>();
  for (const m of await db.manifests()) groups.set(modelKey(m), [...(groups.get(modelKey(m)) ?? []), m]);
  const partials = await db.partials();
  return [...groups.values()]
    .map((files) => {
      const first = files[0]!;
      return {
        modelId: first.modelId,
        origin: first.origin,
        source: first.source.startsWith('import:')
          ? ('imported' as const)
          : first.origin === 'hub'
            ? ('hub' as const)
            : ('bundled' as const),
        files: files
          .map((f) => ({ file: f.file, size: f.size, storedAt: f.storedAt, lastUsed: f.lastUsed }))
          .sort((a, b) => a.file.localeCompare(b.file)),
        size: files.reduce((n, f) => n + f.size, 0),
        dtypes: files
          .map((f) => dtypeOfFile(f.file))
          .filter((d): d is string => d !== null)
          .sort(),
        lastUsed: Math.max(...files.map((f) => f.lastUsed)),
        partialBytes: partials
          .filter((p) => p.key.includes(`/${first.modelId}`))
          .reduce((n, p) => n + p.bytes, 0),
      };
    })
    .sort((a, b) => b.lastUsed - a.lastUsed);
}

const filesOf = async (modelId: string) => (await db.manifests()).filter((m) => m.modelId === modelId);

/** Re-reads every file of a model and checks sizes and chunk hashes; damaged files are removed. */
export async function verifyModel(modelId: string) {
  const results: { file: string; ok: boolean; problem?: string }[] = [];
  for (const manifest of await filesOf(modelId)) {
    const result = await verifyEntry(manifest);
    if (!result.ok) await db.removeFile(manifest.key);
    results.push({ file: manifest.file, ...result });
  }
  return results;
}

/** Deletes a model's files and any unfinished download of it. */
export async function removeModel(modelId: string): Promise<void> {
  for (const m of await filesOf(modelId)) await db.removeFile(m.key);
  for (const p of await db.partials())
    if (p.key.includes(`/${modelId}@`) || p.key.includes(`/${modelId}/`)) await db.removeFile(p.key);
}

export async function removeAll(): Promise<void> {
  for (const m of await db.manifests()) await db.removeFile(m.key);
  for (const p of await db.partials()) await db.removeFile(p.key);
  await removeOrphans();
}

/**
 * Start-up clean-up: chunks that belong to no manifest and no resumable download are leftovers of writes
 * that died (a closed tab mid-write); partial records whose chunks are gone are dropped too.
 */
export async function removeOrphans(): Promise<{ chunks: number; partials: number }> {
  const manifests = new Set((await db.manifests()).map((m) => m.key));
  const partials = await db.partials();
  const chunkKeys = await db.chunkKeys();
  const present = new Set(chunkKeys.map(fileKeyOfChunk));
  let droppedPartials = 0;
  for (const p of partials) {
    if (p.chunkSha256.length > 0 && !present.has(p.key)) {
      await db.deletePartial(p.key);
      droppedPartials += 1;
    }
  }
  const live = new Set([...manifests, ...partials.map((p) => p.key)]);
  const orphans = chunkKeys.filter((k) => !live.has(fileKeyOfChunk(k)));
  if (orphans.length) await db.deleteChunkKeys(orphans);
  return { chunks: orphans.length, partials: droppedPartials };
}

/** Stores a folder from disk as `imported/<name>`, after checking it looks like a model; no network. */
export async function importModel(
  rawName: string,
  files: ImportFile[],
  onProgress: (done: number, total: number) => void,
): Promise<Outcome<{ modelId: string }>> {
  files = relativePaths(files);
  const problems = await importProblems(files);
  if (problems.length) {
    return {
      ok: false,
      error: { code: 'bad-config', message: `This folder is not a model: ${problems.join('; ')}.` },
    };
  }
  const modelId = `imported/${importName(rawName)}`;
  await removeModel(modelId);
  const total = files.reduce((n, f) => n + f.blob.size, 0);
  let done = 0;
  for (const f of files) {
    const ref = { key: `local/${modelId}/${f.path}`, modelId, file: f.path, origin: 'local' as const };
    const writer = new ChunkWriter({
      ref,
      source: `import:${rawName}`,
      total: f.blob.size,
      contentType: f.blob.type || 'application/octet-stream',
    });
    try {
      const reader = f.blob.stream().getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        await writer.write(r.value);
        onProgress(done + writer.bytes, total);
      }
      await writer.finish();
      done += f.blob.size;
    } catch (error) {
      await writer.discard();
      await removeModel(modelId);
      const full = error instanceof StoreFullError;
      return {
        ok: false,
        error: {
          code: full ? 'storage-full' : 'unknown',
          message: full
            ? `Not enough storage to import this model (${total} bytes).`
            : `Import failed: ${(error as Error).message}`,
        },
      };
    }
  }
  return { ok: true, value: { modelId } };
}

/** A model's files as Blobs (chunks joined lazily, nothing copied), in the hub folder layout. */
export async function exportModel(modelId: string): Promise<ImportFile[]> {
  const out: ImportFile[] = [];
  for (const m of await filesOf(modelId)) {
    const chunks = await db.chunksOf(m.key, m.chunkCount);
    if (chunks.some((c) => !c)) throw new Error(`${m.file} is incomplete in the store; verify the model`);
    out.push({ path: m.file, blob: new Blob(chunks as Blob[], { type: m.contentType }) });
  }
  return out;
}
