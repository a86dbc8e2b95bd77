import type { LibraryChecks } from './import-check';

/**
 * The import's checks that need transformers.js itself: loaded only when a folder is imported, so the
 * store worker starts small.
 */
export async function libraryChecks(): Promise<LibraryChecks> {
  const { AutoModelForCausalLM, PreTrainedTokenizer } = await import('@huggingface/transformers');
  const mappings = AutoModelForCausalLM.MODEL_CLASS_MAPPINGS as unknown as Map<string, unknown>[];
  return {
    supportsModelType: (type) => mappings.some((m) => m.has(type)),
    tokenizerProblem(tokenizer, config) {
      try {
        const t = new PreTrainedTokenizer(tokenizer, config);
        const ids = t.encode('Hello, world');
        return ids.length > 0 ? null : 'it turns text into no tokens';
      } catch (error) {
        return `the tokenizer does not load (${String((error as Error).message ?? error).slice(0, 160)})`;
      }
    },
  };
}
