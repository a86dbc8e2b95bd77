import { db } from './db';
import { fileKeyOfChunk, modelScope, sourceHost } from './keys';
import { dtypeOfFile } from './import-check';
import type { Manifest, Partial } from './manifest';
import { verifyEntry } from './reader';
import { canResume } from './resume';
import { WRITE_LOCK } from './writer';
import type { StoredModel } from '../protocol';

const sourceOf = (first: { key: string; source: string }): StoredModel['source'] =>
  first.source.startsWith('import:') ? 'imported' : first.key.startsWith('hub') ? 'hub' : 'bundled';

/** Every cached model (and every unfinished download) with its files, size and source, newest first. */
export async function listModels(): Promise<StoredModel[]> {
  const groups = new Map<string, { files: Manifest[]; partials: Partial[] }>();
  const group = (key: string) => {
    const scope = modelScope(key);
    if (!groups.has(scope)) groups.set(scope, { files: [], partials: [] });
    return groups.get(scope)!;
  };
  for (const m of await db.manifests()) group(m.key).files.push(m);
  for (const p of await db.partials()) group(p.key).partials.push(p);
  return [...groups.entries()]
    .map(([scope, { files, partials }]): StoredModel => {
      const first = files[0] ?? { key: partials[0]!.key, source: partials[0]!.source };
      return {
        scope,
        modelId: files[0]?.modelId ?? modelIdOf(scope),
        origin: scope.startsWith('hub') ? 'hub' : 'local',
        source: sourceOf(first),
        from:
          sourceOf(first) === 'imported' ? `a folder (${first.source.slice(7)})` : sourceHost(scope + '/'),
        files: files
          .map((f) => ({
            file: f.file,
            size: f.size,
            storedAt: f.storedAt,
            lastUsed: f.lastUsed,
            matchesHub: f.hubCheck !== undefined,
          }))
          .sort((a, b) => a.file.localeCompare(b.file)),
        size: files.reduce((n, f) => n + f.size, 0),
        dtypes: files
          .map((f) => dtypeOfFile(f.file))
          .filter((d): d is string => d !== null)
          .sort(),
        lastUsed: Math.max(0, ...files.map((f) => f.lastUsed), ...partials.map((p) => p.startedAt)),
        partials: partials.map((p) => ({
          file: p.key.slice(scope.length + 1),
          bytes: p.bytes,
          total: p.total,
          resumable: canResume(p),
          dtype: dtypeOfFile(p.key.slice(scope.length + 1)),
        })),
        partialBytes: partials.reduce((n, p) => n + p.bytes, 0),
      };
    })
    .sort((a, b) => b.lastUsed - a.lastUsed);
}

/** `hub@host/owner/name@rev` or `local/imported/name` → the model id the app loads. */
const modelIdOf = (scope: string) =>
  scope
    .replace(/^hub(@[^/]+)?\//, '')
    .replace(/@[^@/]+$/, '')
    .replace(/^local\//, '');

const filesOf = async (scope: string) => (await db.manifests()).filter((m) => modelScope(m.key) === scope);

/** Re-reads every file of a model and checks sizes and chunk hashes; damaged files are removed. */
export async function verifyModel(scope: string) {
  const results: { file: string; ok: boolean; problem?: string }[] = [];
  for (const manifest of await filesOf(scope)) {
    const result = await verifyEntry(manifest);
    if (!result.ok) await db.removeFile(manifest.key);
    results.push({ file: manifest.file, ...result });
  }
  return results;
}

/**
 * Deletes a model's files, unfinished downloads and absence records. The delete is recorded first, so a
 * download of it still running in any tab cannot write its manifest afterwards (the delete wins).
 */
export async function removeModel(scope: string): Promise<void> {
  await db.markDeleted(scope);
  for (const m of await filesOf(scope)) await db.removeFile(m.key);
  for (const p of await db.partials()) if (modelScope(p.key) === scope) await db.removeFile(p.key);
  for (const key of await db.absentKeys()) if (modelScope(key) === scope) await db.deleteAbsent(key);
}

/** Discards only the unfinished downloads of a model. */
export async function discardPartials(scope: string): Promise<void> {
  for (const p of await db.partials()) if (modelScope(p.key) === scope) await db.removeFile(p.key);
}

export async function removeAll(): Promise<void> {
  await db.markDeleted('*');
  for (const m of await db.manifests()) await db.removeFile(m.key);
  for (const p of await db.partials()) await db.removeFile(p.key);
  for (const key of await db.absentKeys()) await db.deleteAbsent(key);
  await removeOrphans();
}

/**
 * Start-up clean-up: chunks that belong to no manifest and no resumable download are leftovers of writes
 * that died (a closed tab mid-write, an import cut short); partial records whose chunks are gone are
 * dropped too.
 */
export async function removeOrphans(): Promise<{ chunks: number; partials: number }> {
  // NOTE: only while no writer runs in any tab: an import's chunks have no record until it ends.
  const none = { chunks: 0, partials: 0 };
  if (!navigator.locks) return sweep();
  return navigator.locks.request(WRITE_LOCK, { mode: 'exclusive', ifAvailable: true }, (lock) =>
    lock ? sweep() : none,
  );
}

async function sweep(): Promise<{ chunks: number; partials: number }> {
  const manifests = new Set((await db.manifests()).map((m) => m.key));
  const partials = await db.partials();
  const chunkKeys = await db.chunkKeys();
  const present = new Set(chunkKeys.map(fileKeyOfChunk));
  let droppedPartials = 0;
  for (const p of partials) {
    if (p.chunkHashes.length > 0 && !present.has(p.key)) {
      await db.deletePartial(p.key);
      droppedPartials += 1;
    }
  }
  const live = new Set([...manifests, ...partials.map((p) => p.key)]);
  const orphans = chunkKeys.filter((k) => !live.has(fileKeyOfChunk(k)));
  if (orphans.length) await db.deleteChunkKeys(orphans);
  return { chunks: orphans.length, partials: droppedPartials };
}

/** A model's files as Blobs (chunks joined lazily, nothing copied), in the hub folder layout. */
export async function exportModel(scope: string): Promise<{ path: string; blob: Blob }[]> {
  const out: { path: string; blob: Blob }[] = [];
  for (const m of await filesOf(scope)) {
    const chunks = await db.chunksOf(m.key, m.chunkCount);
    if (chunks.some((c) => !c)) throw new Error(`${m.file} is incomplete in the store; verify the model`);
    out.push({ path: m.file, blob: new Blob(chunks as Blob[], { type: m.contentType }) });
  }
  return out;
}
