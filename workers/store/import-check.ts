/** One file picked or dropped for import, with its path inside the model folder. */
export interface ImportFile {
  path: string;
  blob: Blob;
}

/**
 * Checks a folder laid out like a hub repo before anything is stored: config.json (valid JSON naming a
 * model_type), tokenizer.json (valid JSON) and at least one onnx/*.onnx. Returns what is wrong, in words.
 */
export async function importProblems(files: readonly ImportFile[]): Promise<string[]> {
  const byPath = new Map(files.map((f) => [f.path, f.blob]));
  const problems: string[] = [];
  const json = async (path: string, check?: (value: Record<string, unknown>) => string | null) => {
    const blob = byPath.get(path);
    if (!blob) return problems.push(`${path} is missing`);
    try {
      const value = JSON.parse(await blob.text()) as Record<string, unknown>;
      const problem = check?.(value);
      if (problem) problems.push(problem);
    } catch {
      problems.push(`${path} is not valid JSON`);
    }
  };
  await json('config.json', (c) =>
    typeof c.model_type === 'string' ? null : 'config.json names no model_type',
  );
  await json('tokenizer.json');
  if (![...byPath.keys()].some((p) => /^onnx\/[^/]+\.onnx$/.test(p)))
    problems.push('there is no ONNX model in onnx/');
  return problems;
}

/** Paths as a folder picker or a drop gives them ("my-model/onnx/model.onnx"), made relative to the folder. */
export function relativePaths<T extends { path: string }>(files: T[]): T[] {
  const first = files[0]?.path.split('/')[0];
  const shared =
    first &&
    files.every((f) => f.path.startsWith(`${first}/`)) &&
    !files.some((f) => f.path === 'config.json');
  return files
    .map((f) => ({ ...f, path: (shared ? f.path.slice(first.length + 1) : f.path).replace(/^\/+/, '') }))
    .filter((f) => f.path && !f.path.split('/').some((part) => part === '..' || part.startsWith('.')));
}

/** A safe model name for `imported/<name>`: letters, digits, dot, dash and underscore. */
export function importName(raw: string): string {
  return (
    raw
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 80) || 'model'
  );
}

/** The precision an ONNX file name stands for, as transformers.js names its dtypes. */
export function dtypeOfFile(file: string): string | null {
  const m = /^onnx\/model(?:_(\w+?))?\.onnx$/.exec(file);
  if (!m) return null;
  const suffix = m[1] ?? '';
  return ({ '': 'fp32', quantized: 'q8' } as Record<string, string>)[suffix] ?? suffix;
}
