import type { Dtype, ModelSource, StoredModel } from '../../workers/protocol';

/** One model the app offers, with the precisions its repo has and their download sizes. */
export interface CatalogModel {
  id: string;
  label: string;
  source: ModelSource;
  description: string;
  /** Download size in bytes per precision the repo offers; null where the size was not checked. */
  sizes: Partial<Record<Dtype, number | null>>;
}

const MB = 1e6;

/** The id of the bundled model the app generates itself; it needs no network. */
export const SELF_TEST_ID = 'selftest';

/**
 * The curated list. Sizes are the repos' `onnx/` file sizes as the hub listed them (rounded); the
 * self-test model's are measured by the generator.
 */
export const CATALOG: readonly CatalogModel[] = [
  {
    id: 'onnx-community/Qwen2.5-0.5B-Instruct',
    label: 'Qwen2.5 0.5B Instruct',
    source: 'hub',
    description: 'A capable small chat model from Alibaba: the default, good in English and Chinese.',
    sizes: { q4f16: 483 * MB, q8: 512 * MB, q4: 786 * MB, fp16: 1000 * MB },
  },
  {
    id: 'HuggingFaceTB/SmolLM2-135M-Instruct',
    label: 'SmolLM2 135M Instruct',
    source: 'hub',
    description: 'The smallest here: fast everywhere, best for short English answers.',
    sizes: { q4f16: 134 * MB, q4: 200 * MB, fp16: 327 * MB, fp32: 654 * MB },
  },
  {
    id: 'HuggingFaceTB/SmolLM2-360M-Instruct',
    label: 'SmolLM2 360M Instruct',
    source: 'hub',
    description: 'A step up from 135M in quality, still light enough for most laptops.',
    sizes: { q4f16: 299 * MB, q4: 417 * MB, fp16: 819 * MB },
  },
  {
    id: 'onnx-community/Qwen3-0.6B-ONNX',
    label: 'Qwen3 0.6B',
    source: 'hub',
    description: 'Qwen3 with its thinking mode: longer answers that reason before replying.',
    sizes: { q4f16: null, q4: null, q8: null, fp16: null },
  },
  {
    id: 'onnx-community/Llama-3.2-1B-Instruct',
    label: 'Llama 3.2 1B Instruct',
    source: 'hub',
    description: "Meta's 1B chat model: the largest here, best on a GPU with WebGPU.",
    sizes: { q4f16: 1070 * MB, q8: 1240 * MB, q4: 1660 * MB },
  },
  {
    id: SELF_TEST_ID,
    label: 'Self-test model (random weights)',
    source: 'bundled',
    description:
      'A tiny Qwen2-shaped model with random weights, shipped with the app: it checks the whole pipeline offline and writes gibberish.',
    // NOTE: the generator's output is deterministic; a unit test keeps these in step with it.
    sizes: { q4: 153_996, fp32: 469_952 },
  },
];

/** The model selected on first visit. */
export const DEFAULT_MODEL_ID = 'onnx-community/Qwen2.5-0.5B-Instruct';

/** Looks a model up; any other hub id becomes an ad-hoc entry with the usual precisions. */
export function findModel(id: string): CatalogModel {
  return (
    CATALOG.find((m) => m.id === id) ?? {
      id,
      label: id,
      source: 'hub',
      description: 'A model from the Hugging Face hub, outside the curated list.',
      sizes: { q4f16: null, q4: null, q8: null, fp16: null, fp32: null },
    }
  );
}

/** The precisions a model offers, in the order the menu shows them. */
export function dtypesOf(model: CatalogModel): Dtype[] {
  const order: Dtype[] = ['q4f16', 'q4', 'q8', 'fp16', 'fp32'];
  return order.filter((d) => d in model.sizes);
}

/** A model imported from disk, as the picker offers it: its precisions are the ONNX files it has. */
export function importedModel(stored: StoredModel): CatalogModel {
  const sizes: CatalogModel['sizes'] = {};
  for (const f of stored.files) {
    const dtype = stored.dtypes.find(
      (d) => f.file === `onnx/model${d === 'fp32' ? '' : d === 'q8' ? '_quantized' : `_${d}`}.onnx`,
    );
    if (dtype) sizes[dtype as Dtype] = f.size;
  }
  return {
    id: stored.modelId,
    label: `${stored.modelId.replace(/^imported\//, '')} (imported)`,
    source: 'imported',
    description: 'Imported from a folder on this device; it loads with no network.',
    sizes,
  };
}
