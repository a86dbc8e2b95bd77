import { causalLmProblem, readOnnxHeader } from './onnx-header';

/** One file picked or dropped for import, with its path inside the model folder. */
export interface ImportFile {
  path: string;
  blob: Blob;
}

/** What only the library can tell: whether it runs this model type, and whether the tokenizer loads. */
export interface LibraryChecks {
  supportsModelType(modelType: string): boolean;
  tokenizerProblem(tokenizer: object, config: object): string | null;
}

/**
 * Checks a folder laid out like a hub repo before anything is stored: config.json names a model_type the
 * library runs as a causal LM, the tokenizer loads, and every onnx/*.onnx is an ONNX graph with a causal
 * LM's inputs and outputs whose external data files are all there and big enough. Returns what is wrong,
 * each naming the file.
 */
export async function importProblems(
  files: readonly ImportFile[],
  library?: LibraryChecks,
): Promise<string[]> {
  const byPath = new Map(files.map((f) => [f.path, f.blob]));
  const problems: string[] = [];
  const json = async (path: string, optional = false): Promise<Record<string, unknown> | null> => {
    const blob = byPath.get(path);
    if (!blob) {
      if (!optional) problems.push(`${path} is missing`);
      return null;
    }
    try {
      const value: unknown = JSON.parse(await blob.text());
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    problems.push(`${path} is not valid JSON`);
    return null;
  };
  const config = await json('config.json');
  if (config) {
    const type = config.model_type;
    if (typeof type !== 'string') problems.push('config.json names no model_type');
    else if (library && !library.supportsModelType(type))
      problems.push(
        `config.json: model_type "${type.slice(0, 40)}" is not a language model this app can run`,
      );
  }
  const tokenizer = await json('tokenizer.json');
  const tokenizerConfig = await json('tokenizer_config.json', true);
  if (tokenizer && library) {
    const problem = library.tokenizerProblem(tokenizer, tokenizerConfig ?? {});
    if (problem) problems.push(`tokenizer.json: ${problem}`);
  }
  const graphs = [...byPath.keys()].filter((p) => /^onnx\/[^/]+\.onnx$/.test(p));
  if (!graphs.length) problems.push('there is no ONNX model in onnx/');
  for (const path of graphs) problems.push(...(await graphProblems(path, byPath)));
  return problems;
}

/** One ONNX file: a graph a causal LM can be, with its external data present and long enough. */
async function graphProblems(path: string, byPath: Map<string, Blob>): Promise<string[]> {
  let header;
  try {
    header = await readOnnxHeader(byPath.get(path)!);
  } catch (error) {
    return [`${path} is not an ONNX model (${(error as Error).message})`];
  }
  const problems: string[] = [];
  const causal = causalLmProblem(header);
  if (causal) problems.push(`${path} is not a causal language model: ${causal}`);
  for (const [location, needed] of header.external) {
    const data = byPath.get(`onnx/${location}`);
    if (!data) problems.push(`${path} keeps its weights in onnx/${location}, which is missing`);
    else if (data.size < needed)
      problems.push(`onnx/${location} has ${data.size} bytes, but ${path} needs ${needed}`);
  }
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

/**
 * A safe model name for `imported/<name>` that transformers.js accepts as a model id: letters, digits and
 * single dots, dashes or underscores between them (no `--` or `..`, nothing at the ends but a letter or digit),
 * so the app's own export (`owner--name`) imports and loads.
 */
export function importName(raw: string): string {
  const name = raw
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/[-.]{2,}/g, (run) => (run.includes('.') && !run.includes('-') ? '.' : '-'))
    .replace(/\.(git|ipynb)$/i, '')
    .slice(0, 80)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return name || 'model';
}

/** The precision an ONNX file name stands for, as transformers.js names its dtypes. */
export function dtypeOfFile(file: string): string | null {
  const m = /^onnx\/model(?:_(\w+?))?\.onnx$/.exec(file);
  if (!m) return null;
  const suffix = m[1] ?? '';
  return ({ '': 'fp32', quantized: 'q8' } as Record<string, string>)[suffix] ?? suffix;
}
