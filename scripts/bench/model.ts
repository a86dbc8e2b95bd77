// Which model the plan form is filled with, and how the app reaches it.
import { CATALOG, SELF_TEST_ID } from '../../src/lib/catalog.js';

/** A model ready to benchmark: its checkbox label in the plan form and the URL query the app needs. */
export interface PreparedModel {
  label: string;
  /** Appended to the app's URL (a `?hub=` mirror), or ''. */
  query: string;
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
      query: '',
      hubUrl: null,
      note: 'self-test (random weights)',
      stop: none,
    };
  const listed = CATALOG.find((m) => m.id === id);
  if (!listed)
    throw new Error(
      `--model ${id}: the Benchmark view offers only its catalog (${CATALOG.map((m) => m.id).join(', ')})`,
    );
  log(`${id} comes from the Hugging Face hub: this machine needs the network`);
  return { label: listed.label, query: '', hubUrl: 'https://huggingface.co/', note: id, stop: none };
}
