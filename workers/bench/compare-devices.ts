// Several results side by side: one row per WebGPU ÷ WASM comparison (a model at its precisions), one
// column per device. Results differ in more than the device — prompts, new tokens, precisions — and a
// ratio measured on other prompts or other weights is a different quantity, so every difference is named
// in a note and a row that not every device ran the same way is marked not comparable. Nothing is
// computed across devices: each cell is that device's own paired ratio, recomputed from its runs.
import type { RatioEstimate } from './ratio';
import type { BenchResult, Comparison } from './result-schema';
import { differences, mismatches, ranOn, type RanOn } from './device-facts';

/**
 * A result to compare, already recomputed from its runs; `title` names it in the notes (the device, short),
 * `detail` says more under the column's title (date, where the file came from).
 */
export interface DeviceInput {
  id: string;
  title: string;
  detail?: string;
  result: BenchResult;
}

export interface DeviceColumn {
  id: string;
  title: string;
  detail: string;
  ranOn: RanOn;
  partial: boolean;
}

/** One device's WebGPU ÷ WASM speed ratios for a row; `fellBack`: the WebGPU side actually ran on WASM. */
export interface DeviceCell {
  decode: RatioEstimate | null;
  ttft: RatioEstimate | null;
  fellBack: boolean;
}

/** A model at a precision (or a WebGPU/WASM precision pair), across the devices; null: not run there. */
export interface DeviceRow {
  key: string;
  modelId: string;
  precision: string;
  cells: (DeviceCell | null)[];
  /** Titles of the devices that did not run it. */
  missing: string[];
  /** Why the row's cells must not be read against each other; empty when they may. */
  notComparable: string[];
}

export interface DeviceComparison {
  devices: DeviceColumn[];
  rows: DeviceRow[];
  /** Differences between the results, in words: "These results used different prompt sets: …". */
  notes: string[];
}

function precisionOf(result: BenchResult, c: Comparison): string {
  const dtype = new Map(result.configurations.map(({ config }) => [config.key, config.dtype]));
  const [gpu, cpu] = [dtype.get(c.webgpuKey), dtype.get(c.wasmKey)];
  return gpu === cpu ? `${gpu}` : `WebGPU ${gpu}, WASM ${cpu}`;
}

function cellOf(result: BenchResult, c: Comparison): DeviceCell {
  const loaded = result.environment.loaded?.find((l) => l.configKey === c.webgpuKey);
  return {
    decode: c.decodeSpeedRatio,
    ttft: c.ttftSpeedRatio,
    fellBack: loaded !== undefined && loaded.actualBackend !== loaded.requestedBackend,
  };
}

/** The table of `inputs` (in their order): rows in order of first appearance, notes on every difference. */
export function compareDevices(inputs: readonly DeviceInput[]): DeviceComparison {
  const rows = new Map<string, DeviceRow>();
  inputs.forEach(({ result }, d) => {
    for (const c of result.comparisons) {
      const precision = precisionOf(result, c);
      const key = `${c.modelId}|${precision}`;
      const row = rows.get(key) ?? {
        key,
        modelId: c.modelId,
        precision,
        cells: inputs.map(() => null),
        missing: [],
        notComparable: [],
      };
      row.cells[d] ??= cellOf(result, c);
      rows.set(key, row);
    }
  });
  // NOTE: a row is judged among the devices that ran it: a third device's other prompts do not stop
  // two devices that ran the same ones from being compared.
  for (const row of rows.values()) {
    const ran = inputs.filter((_, d) => row.cells[d] !== null);
    row.missing = inputs.filter((_, d) => row.cells[d] === null).map((i) => i.title);
    row.notComparable = ran.length < 2 ? ['run on one device only'] : mismatches(ran);
  }
  const notes = differences(inputs, [...rows.values()]);
  const devices = inputs.map(({ id, title, detail, result }) => ({
    id,
    title,
    detail: detail ?? '',
    ranOn: ranOn(result.environment),
    partial: result.partial,
  }));
  return { devices, rows: [...rows.values()], notes };
}
