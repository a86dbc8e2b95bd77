/** Where a model file lives in the store: one key per file, the same however the file was reached. */
export interface FileRef {
  /** `hub/<owner>/<name>@<revision>/<file>` or `local/<model id>/<file>`. */
  key: string;
  /** The model id as the app loads it: `owner/name` for the hub, `selftest` or `imported/<name>` locally. */
  modelId: string;
  /** The file's path inside the model folder, e.g. `onnx/model_q4.onnx`. */
  file: string;
  origin: 'hub' | 'local';
}

// Any host with the hub's URL layout (huggingface.co, or a mirror set in the app): the key ignores the host.
const HUB = /^https?:\/\/[^/]+\/([\w.-]+\/[\w.-]+)\/resolve\/([^/]+)\/(.+)$/;
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
    const [, modelId, revision, file] = hub as unknown as [string, string, string, string];
    const rev = decodeURIComponent(revision);
    return { key: `hub/${modelId}@${rev}/${file}`, modelId, file, origin: 'hub' };
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
