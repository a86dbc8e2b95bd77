// A result as a JSON file (the lossless format validateResult reads back), a CSV of runs for
// spreadsheets, and a Markdown summary for pasting into an issue or a chat.
import { ratioText } from './format';
import type { RatioEstimate } from './ratio';
import type { BenchResult, BenchRun, ConfigurationResult } from './result-schema';

/** The result as pretty-printed JSON, ending in a newline. */
export function toJson(result: BenchResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

type CsvValue = string | number | boolean | null | undefined;

/** The CSV's columns: header name, and how to read it from a configuration and one of its runs. */
const CSV_COLUMNS: [string, (c: ConfigurationResult, run: BenchRun) => CsvValue][] = [
  ['configKey', (c) => c.config.key],
  ['modelId', (c) => c.config.modelId],
  ['backend', (c) => c.config.backend],
  ['dtype', (c) => c.config.dtype],
  ['status', (c) => c.status],
  ['promptId', (_, r) => r.promptId],
  ['repetition', (_, r) => r.repetition],
  ['hidden', (_, r) => r.hidden],
  ['ttftMs', (_, r) => r.ttftMs],
  ['prefillTokensPerSecond', (_, r) => r.prefillTokensPerSecond],
  ['decodeTokensPerSecond', (_, r) => r.decodeTokensPerSecond],
  ['tpotP50Ms', (_, r) => r.tpotP50Ms],
  ['tpotP95Ms', (_, r) => r.tpotP95Ms],
  ['endToEndMs', (_, r) => r.endToEndMs],
  ['promptTokens', (_, r) => r.promptTokens],
  ['newTokens', (_, r) => r.newTokens],
  ['jsHeapBytes', (_, r) => r.memory?.jsHeapBytes],
  ['wasmHeapBytes', (_, r) => r.memory?.wasmHeapBytes],
  ['tokenIds', (_, r) => r.tokenIds.join(' ')],
];

/**
 * One CSV field: quoted (with quotes doubled) when it holds a comma, quote or line break (RFC 4180).
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return: a
 * model or prompt id like `=HYPERLINK(…)`) gets a leading single quote and is quoted, as OWASP advises.
 * NOTE: numbers are left alone: they are ours, and validated positive, so -1 cannot come from a file.
 */
export function csvField(value: CsvValue): string {
  const raw = value === null || value === undefined ? '' : String(value);
  const formula = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw);
  const s = formula ? `'${raw}` : raw;
  return formula || /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Every run, hidden ones included (see the `hidden` column), one row each; CRLF line ends (RFC 4180). */
export function toCsv(result: BenchResult): string {
  const rows = result.configurations.flatMap((c) =>
    c.runs.map((run) => CSV_COLUMNS.map(([, read]) => csvField(read(c, run))).join(',')),
  );
  return [CSV_COLUMNS.map(([name]) => name).join(','), ...rows].map((row) => `${row}\r\n`).join('');
}

/**
 * Text safe inside a Markdown table cell, and as Markdown anywhere: HTML is escaped (renderers pass raw
 * HTML through, so an id like `<img onerror=…>` would run), `|` cannot end the cell, line breaks cannot
 * end the row.
 */
export const mdCell = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('|', '\\|')
    .replace(/\s*[\r\n]+\s*/g, ' ');

const fixed = (n: number | undefined, digits: number) => (n === undefined ? '—' : n.toFixed(digits));

const ratioCell = (r: RatioEstimate | null) => (r ? ratioText(r) : '—');

function header(result: BenchResult): string[] {
  const { capabilities: caps, libraries } = result.environment;
  const gpu = caps.webgpu.available
    ? `${caps.webgpu.adapter?.vendor ?? 'unknown'} ${caps.webgpu.adapter?.architecture ?? ''}`.trim() +
      ` (shader-f16: ${caps.webgpu.shaderF16 ? 'yes' : 'no'})`
    : `none (${caps.webgpu.reason ?? 'no adapter'})`;
  const libs = Object.entries(libraries).map(([name, version]) => `${name} ${version}`);
  return [
    '# Benchmark result',
    '',
    `${mdCell(result.createdAt)} · result schema v${result.schemaVersion} · prompt suite v${result.promptSuiteVersion}`,
    '',
    `- WebGPU: ${mdCell(gpu)}`,
    `- WASM threads: ${caps.wasmThreads} of ${caps.hardwareConcurrency} · cross-origin isolated: ` +
      (caps.crossOriginIsolated ? 'yes' : 'no'),
    `- Libraries: ${mdCell(libs.join(', ') || 'unknown')}`,
    `- Browser: ${mdCell(result.environment.userAgent)}`,
    ...(result.partial ? ['', '> **Partial result**: the session stopped before every run finished.'] : []),
  ];
}

/** A readable summary: the device, a row per configuration (medians), and WebGPU ÷ WASM per model. */
export function toMarkdown(result: BenchResult): string {
  const summaries = new Map(result.summaries.map((s) => [s.configKey, s]));
  const configRows = result.configurations.map(({ config, status, error }) => {
    const s = summaries.get(config.key);
    const note = config.unavailable ?? error;
    return (
      `| ${mdCell(config.modelId)} | ${config.backend} | ${config.dtype} | ${status}${note ? `: ${mdCell(note)}` : ''}` +
      ` | ${s?.countedRuns ?? 0} | ${fixed(s?.decodeTokensPerSecond?.median, 1)} | ${fixed(s?.ttftMs?.median, 0)} |`
    );
  });
  const dtypes = new Map(result.configurations.map(({ config }) => [config.key, config.dtype]));
  const comparisonRows = result.comparisons.map((c) => {
    const same = c.prompts.filter((p) => p.divergence.identical).length;
    return (
      `| ${mdCell(c.modelId)} | ${dtypes.get(c.webgpuKey)} | ${dtypes.get(c.wasmKey)} | ` +
      `${ratioCell(c.decodeSpeedRatio)} | ${ratioCell(c.ttftSpeedRatio)} | ${same}/${c.prompts.length} |`
    );
  });
  return [
    ...header(result),
    '',
    '## Configurations',
    '',
    '| Model | Backend | Precision | Status | Runs | Decode tok/s (median) | TTFT ms (median) |',
    '| --- | --- | --- | --- | ---: | ---: | ---: |',
    ...configRows,
    '',
    '## WebGPU ÷ WASM (above 1: WebGPU faster; 95% interval)',
    '',
    '| Model | WebGPU precision | WASM precision | Decode speed | TTFT speed | Identical tokens |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...comparisonRows,
    '',
  ].join('\n');
}
