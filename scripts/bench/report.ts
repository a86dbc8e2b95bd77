// The Markdown the CLI writes: the app's own Markdown export, then what only the CLI can see (the
// browser's resident memory per configuration, the model's size on disk) and app ÷ bare when asked.
import { toMarkdown } from '../../workers/bench/result-export.js';
import type { BenchResult } from '../../workers/bench/result-schema.js';

const mb = (bytes: number | null | undefined) => (bytes ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : '–');

/** What the CLI adds to the app's result. */
export interface CliExtras {
  /** Peak resident bytes of the browser's processes while each configuration ran. */
  peakRss: Map<string, number>;
  /** A line on where the model came from (random weights, a local mirror…). */
  modelNote: string;
  /** How WebGPU was provided (SwiftShader is software, not this machine's GPU). */
  webgpuNote: string;
  /** Extra Markdown sections (app ÷ bare). */
  sections?: string[];
}

/** The model's files as the app loaded them for `key`, in bytes (null when the app did not record them). */
function modelBytes(result: BenchResult, key: string): number | null {
  const loaded = result.environment.loaded?.find((l) => l.configKey === key);
  if (!loaded || loaded.files.some((f) => f.bytes === null)) return null;
  return loaded.files.reduce((n, f) => n + (f.bytes ?? 0), 0);
}

/** The app's Markdown plus the CLI's memory table and notes. */
export function cliMarkdown(result: BenchResult, extras: CliExtras): string {
  const rows = result.configurations.map(({ config, runs }) => {
    const peak = extras.peakRss.get(config.key);
    const wasm = Math.max(0, ...runs.map((r) => r.memory?.wasmHeapBytes ?? 0));
    return `| ${config.modelId} · ${config.backend} · ${config.dtype} | ${mb(modelBytes(result, config.key))} | ${mb(peak)} | ${mb(wasm)} |`;
  });
  return [
    toMarkdown(result).trimEnd(),
    '',
    `- Model: ${extras.modelNote}`,
    `- WebGPU: ${extras.webgpuNote}`,
    '',
    '## Memory (from the CLI)',
    '',
    "Peak resident memory: the sum of RSS over the browser's processes while the configuration ran",
    '(pages shared between processes count once per process, so it overstates a little). WASM heap: the',
    "largest size of ONNX Runtime's WebAssembly memory the engine worker saw after a run.",
    '',
    '| Configuration | Model files | Peak browser RSS | WASM heap |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    ...[...extras.peakRss]
      .filter(([key]) => key.startsWith('bare|'))
      .map(([key, peak]) => `| bare page: ${key.slice(5).split('|').join(' · ')} | | ${mb(peak)} | |`),
    '',
    ...(extras.sections ?? []),
  ].join('\n');
}
