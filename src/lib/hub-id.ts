/** Hub ids look like `owner/name`; anything else is refused before a request is made. */
export function hubIdProblem(id: string): string | null {
  const trimmed = id.trim();
  if (!trimmed) return 'Enter a model id such as onnx-community/Qwen2.5-0.5B-Instruct.';
  if (!/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(trimmed) || trimmed.includes('..')) {
    return `"${trimmed}" is not a Hugging Face model id: it should look like owner/name, e.g. onnx-community/Qwen2.5-0.5B-Instruct.`;
  }
  return null;
}
