import { HUB_ORIGIN } from '../sources';

/** Where a model file lives in the store: one key per file, the same however the file was reached. */
export interface FileRef {
  /**
   * `hub/<owner>/<name>@<revision>/<file>` for the Hugging Face hub, `hub@<host>/<owner>/<name>@<revision>/<file>`
   * for a mirror, or `local/<model id>/<file>`: a file never answers for a model from another source.
   */
  key: string;
  /** The model id as the app loads it: `owner/name` for the hub, `selftest` or `imported/<name>` locally. */
  modelId: string;
  /** The file's path inside the model folder, e.g. `onnx/model_q4.onnx`. */
  file: string;
  origin: 'hub' | 'local';
  /** The hub revision (branch, tag or commit) of a hub file. */
  revision?: string;
}

// Any host with the hub's URL layout (huggingface.co, or a mirror set in the app).
const HUB = /^https?:\/\/([^/]+)\/([\w.-]+\/[\w.-]+)\/resolve\/([^/]+)\/(.+)$/;
const LOCAL = /\/models\/(.+?)\/((?:onnx\/)?[^/]+)$/;

/**
 * Maps a URL or path that transformers.js asks for to its store key, or null for anything that is not a
 * model file (ONNX Runtime's own files, say). Local paths are keyed without the app's base path, so a
 * site moved to another sub-path keeps its cache.
 */
export function fileRef(urlOrPath: string): FileRef | null {
  const clean = urlOrPath.split(/[?#]/)[0] ?? '';
  const hub = HUB.exec(clean);
  if (hub) {
    const [, host, modelId, revision, file] = hub as unknown as [string, string, string, string, string];
    const rev = decodeURIComponent(revision);
    const source = clean.startsWith(`${HUB_ORIGIN}/`) ? 'hub' : `hub@${host.toLowerCase()}`;
    return { key: `${source}/${modelId}@${rev}/${file}`, modelId, file, origin: 'hub', revision: rev };
  }
  const local = LOCAL.exec(clean);
  if (local) {
    const [, modelId, file] = local as unknown as [string, string, string];
    if (modelId.split('/').some((part) => part === '..' || part === '.')) return null;
    return { key: `local/${modelId}/${file}`, modelId, file, origin: 'local' };
  }
  return null;
}

/** Key of chunk `index` of a file: zero-padded so keys sort in chunk order. */
export const chunkKey = (key: string, index: number) => `${key}#${String(index).padStart(6, '0')}`;

/** The file key a chunk key belongs to. */
export const fileKeyOfChunk = (chunk: string) => chunk.replace(/#\d{6}$/, '');

/** The part of a key that names one model from one source (`hub@host/owner/name@rev`, `local/id`). */
export function modelScope(key: string): string {
  const at = /^(hub(?:@[^/]+)?\/[^/]+\/[^/@]+@[^/]+)\//.exec(key);
  if (at) return at[1]!;
  const local = /^(local\/(?:imported\/)?[^/]+)\//.exec(key);
  return local ? local[1]! : key;
}

/** Where a stored file came from, in words for the Models view. */
export function sourceHost(key: string): string {
  const mirror = /^hub@([^/]+)\//.exec(key);
  if (mirror) return mirror[1]!;
  return key.startsWith('hub/') ? new URL(HUB_ORIGIN).host : 'this app';
}
