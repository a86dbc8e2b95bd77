// Which model the plan form is filled with, and how the app reaches it.
import { CATALOG, SELF_TEST_ID } from '../../src/lib/catalog.js';

/** A model ready to benchmark: its checkbox label in the plan form and the URL query the app needs. */
export interface PreparedModel {
  label: string;
  /** Appended to the app's URL (a `?hub=` mirror), or ''. */
  query: string;
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
      note: 'self-test (random weights)',
      stop: none,
    };
  const listed = CATALOG.find((m) => m.id === id);
  if (!listed)
    throw new Error(
      `--model ${id}: the Benchmark view offers only its catalog (${CATALOG.map((m) => m.id).join(', ')})`,
    );
  log(`${id} comes from the Hugging Face hub: this machine needs the network`);
  return { label: listed.label, query: '', note: id, stop: none };
}
