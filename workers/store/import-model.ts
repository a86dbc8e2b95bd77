import { db } from './db';
import { importName, importProblems, relativePaths, type ImportFile } from './import-check';
import { libraryChecks } from './library-checks';
import type { Manifest } from './manifest';
import { removeModel } from './store-admin';
import { ChunkWriter, StoreFullError } from './writer';
import type { Outcome } from '../protocol';

/**
 * Stores a folder from disk as `imported/<name>`, after checking it is a model this app can run; no
 * network. Staged: chunks are written first and every manifest together at the end, so a reload mid-import
 * lists nothing, and the chunks it left are removed at the next start.
 */
export async function importModel(
  rawName: string,
  files: ImportFile[],
  onProgress: (done: number, total: number) => void,
): Promise<Outcome<{ modelId: string }>> {
  files = relativePaths(files);
  const problems = await importProblems(files, await libraryChecks());
  if (problems.length) {
    return {
      ok: false,
      error: { code: 'bad-config', message: `This folder cannot be imported: ${problems.join('; ')}.` },
    };
  }
  const modelId = `imported/${importName(rawName)}`;
  await removeModel(`local/${modelId}`);
  const total = files.reduce((n, f) => n + f.blob.size, 0);
  let done = 0;
  const manifests: Manifest[] = [];
  const writers: ChunkWriter[] = [];
  try {
    for (const f of files) {
      const ref = { key: `local/${modelId}/${f.path}`, modelId, file: f.path, origin: 'local' as const };
      const writer = new ChunkWriter({
        ref,
        source: `import:${rawName}`,
        total: f.blob.size,
        contentType: f.blob.type || 'application/octet-stream',
        staged: true,
      });
      writers.push(writer);
      const reader = f.blob.stream().getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        await writer.write(r.value);
        onProgress(done + writer.bytes, total);
      }
      manifests.push(await writer.finish());
      done += f.blob.size;
    }
    await db.sealAll(manifests, writers[0]?.since ?? Date.now());
  } catch (error) {
    for (const w of writers) await w.discard();
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
  } finally {
    for (const w of writers) w.release();
  }
  return { ok: true, value: { modelId } };
}
