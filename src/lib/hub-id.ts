/** The hub's longest owner and repository names (its own limit, 96 characters each). */
const MAX_PART = 96;

/** Hub ids look like `owner/name`; anything else is refused before a request is made. */
export function hubIdProblem(id: string): string | null {
  const trimmed = id.trim();
  if (!trimmed) return 'Enter a model id such as onnx-community/Qwen2.5-0.5B-Instruct.';
  if (trimmed.split('/').some((part) => part.length > MAX_PART)) {
    return `That model id is ${trimmed.length.toLocaleString('en-US')} characters long; a Hugging Face id is owner/name with at most ${MAX_PART} characters in each part.`;
  }
  // NOTE: transformers.js refuses ids containing "--" (NOTES.md).
  if (!/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(trimmed) || trimmed.includes('..') || trimmed.includes('--')) {
    return `"${trimmed}" is not a Hugging Face model id: it should look like owner/name, e.g. onnx-community/Qwen2.5-0.5B-Instruct.`;
  }
  return null;
}
