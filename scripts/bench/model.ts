// Which model the plan form is filled with, and how the app reaches it.
import { CATALOG, SELF_TEST_ID } from '../../src/lib/catalog.js';
import type { Page } from 'playwright-core';
import { generatedModel, importFolder } from './generated.js';
import { serveMirror } from './mirror.js';
import { basename } from 'node:path';

/** A model ready to benchmark: its checkbox label in the plan form and what the app needs first. */
export interface PreparedModel {
  label: string;
  /** Run once per browser context on the first app page (an import), before the plan is filled. */
  setup?: (page: Page) => Promise<void>;
  /** Where the bare page finds the model on a hub (the real one or a mirror); null for the app's folder. */
  hubUrl: string | null;
  /** How the Markdown describes it. */
  note: string;
  stop: () => Promise<void>;
}

const none = () => Promise.resolve();

/** Resolves `--model`: the bundled self-test model, or a model of the app's catalog. */
export async function prepareModel(id: string, log: (line: string) => void): Promise<PreparedModel> {
  if (id === SELF_TEST_ID)
    return {
      label: 'Self-test model (random weights)',
      hubUrl: null,
      note: 'self-test (random weights)',
      stop: none,
    };
  if (id.startsWith('gen:')) {
    const folder = await generatedModel(id.slice(4), log);
    const name = basename(folder);
    // NOTE: the app benchmarks it as an imported model; the bare page reads the same files from a mirror.
    const mirror = await serveMirror(`imported/${name}`, folder);
    return {
      label: `${name} (imported)`,
      setup: (page) => importFolder(page, folder, log),
      hubUrl: mirror.url,
      note: `${id}: Qwen2.5-0.5B's shapes with **random weights**, q8 (model_quantized.onnx + external data), imported into the app as imported/${name}`,
      stop: mirror.stop,
    };
  }
  const listed = CATALOG.find((m) => m.id === id);
  if (!listed)
    throw new Error(
      `--model ${id}: the Benchmark view offers only its catalog (${CATALOG.map((m) => m.id).join(', ')})`,
    );
  log(`${id} comes from the Hugging Face hub: this machine needs the network`);
  return { label: listed.label, hubUrl: 'https://huggingface.co/', note: id, stop: none };
}
